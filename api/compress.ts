// Response compression: gzip (or deflate) for compressible responses of 1 KB or more, in one zlib
// call on the whole body. Hono's compress() pipes every body through a web CompressionStream and
// sends it chunked: for a 50 KB page of GeoJSON that cost more than everything else the API adds
// to its SQL (tests/bench/places-bbox.ts), on the server and again in the client that inflates
// it. Bodies here are whole strings already (JSON, GeoJSON, CSV); the one streamed response,
// server-sent events, is not a compressible type and passes untouched. Level 1 (nginx's default
// for dynamic content): a few per cent more bytes than zlib's default, at half the time.
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress'

/** Smaller bodies go as they are: the headers would cost more than the bytes saved. */
export const COMPRESS_THRESHOLD = 1024
/** Larger bodies are compressed on libuv's thread pool rather than on the event loop. */
const SYNC_LIMIT = 256 * 1024
const OPTIONS = { level: 1 }

const gzipAsync = promisify(zlib.gzip)
const deflateAsync = promisify(zlib.deflate)

type Encoding = 'gzip' | 'deflate'

/** The coding to use for an Accept-Encoding header (RFC 9110 §12.5.3): the first of `offered`
 * (by default gzip, else deflate) the client gives a non-zero q-value, itself or through "*". */
export function chooseEncoding<E extends string = Encoding>(
  header: string | undefined,
  offered: readonly E[] = ['gzip', 'deflate'] as unknown as E[],
): E | undefined {
  if (!header) return undefined
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam === undefined ? 1 : Number(qParam.slice(2))
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  return offered.find((e) => (q.get(e) ?? q.get('*') ?? 0) > 0)
}

function encode(body: Uint8Array, encoding: Encoding): Promise<Uint8Array> | Uint8Array {
  if (body.byteLength <= SYNC_LIMIT) {
    return encoding === 'gzip' ? zlib.gzipSync(body, OPTIONS) : zlib.deflateSync(body, OPTIONS)
  }
  return encoding === 'gzip' ? gzipAsync(body, OPTIONS) : deflateAsync(body, OPTIONS)
}

export function compress(): MiddlewareHandler {
  return async function compress(c, next) {
    await next()
    const res = c.res
    const type = res.headers.get('Content-Type')
    // (Not res.body: reading it would turn the Node adapter's light response into a stream.)
    if (
      res.status === 206 ||
      c.req.method === 'HEAD' ||
      res.headers.has('Content-Encoding') ||
      res.headers.has('Transfer-Encoding') ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return
    }
    const vary = res.headers.get('Vary')
    if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? '')) {
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    const current = c.res // c.header() may have replaced it
    const raw = new Uint8Array(await current.arrayBuffer())
    const headers = new Headers(current.headers)
    let body: Uint8Array | null = raw.byteLength ? raw : null
    if (raw.byteLength >= COMPRESS_THRESHOLD) {
      body = await encode(raw, encoding)
      headers.set('Content-Encoding', encoding)
      headers.set('Content-Length', String(body.byteLength))
      const etag = headers.get('ETag')
      if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`)
    }
    // A new response with the bytes themselves, which the Node adapter writes in one call (one
    // made from the old response would be read back as a stream). Cleared first: assigning over
    // a response makes Hono rebuild the new one around the old one's body stream.
    c.res = undefined
    c.res = new Response(body, { status: current.status, statusText: current.statusText, headers })
  }
}
