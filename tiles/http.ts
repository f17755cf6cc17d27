// HTTP for tiles (RFC 9110, 9111): strong ETags, If-None-Match, gzip when the client accepts it.
// Tiles are compressed here rather than by the app's compress middleware, whose ETags turn weak
// and which does not know MVT is compressible.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

/** Bump when the tile format changes (fields, clustering, geometry rules): every ETag changes. */
export const TILE_FORMAT = 1

/** Whether Accept-Encoding allows gzip (`gzip`, `gzip;q=0.5`, `*`; not `gzip;q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (name !== 'gzip' && name !== '*') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

/** The tag's opaque part (no quotes, no -gz): the same for both encodings of one content. */
export function contentTag(layer: string, version: string): string {
  return `${layer}.${TILE_FORMAT}.${version}`
}

export function hashTag(layer: string, body: Uint8Array): string {
  const h = createHash('sha256').update(body).digest('base64url').slice(0, 22)
  return `${layer}.${TILE_FORMAT}.h${h}`
}

/** A strong ETag per representation: the gzipped bytes differ from the plain ones. */
export function etagFor(tag: string, gzipped: boolean): string {
  return `"${tag}${gzipped ? '-gz' : ''}"`
}

/** Whether If-None-Match names this content, in either encoding (weak comparison, RFC 9110
 * 13.1.2), or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false
  return header.split(',').some((raw) => {
    const t = raw.trim()
    if (t === '*') return true
    const opaque = t.replace(/^W\//, '').replace(/^"|"$/g, '')
    return opaque === tag || opaque === `${tag}-gz`
  })
}

export async function gzipTile(body: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const out = await gzipAsync(body, { level: 6 })
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength)
}
