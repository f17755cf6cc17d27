// /assets/*: the web app's scripts and styles, from memory, in the coding the build made for them
// (scripts/precompress.ts: .br, .gz). Their names carry a hash of their content, so a file never
// changes under a name: read once, kept, and sent in one write with a year-long immutable cache.
// One write matters on the embedded database, which answers queries on this same event loop: a
// file streamed from disk in 64 KB chunks waits between chunks behind every query in progress
// (a map of 5,000 drawings held the app's own scripts back by up to a second).
import fs from 'node:fs'
import path from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { chooseEncoding } from './compress.ts'
import { notFound } from './errors.ts'

interface Asset {
  type: string
  raw: Buffer<ArrayBuffer>
  /** The build's compressed copies, when it made them. */
  br?: Buffer<ArrayBuffer>
  gzip?: Buffer<ArrayBuffer>
}

const NAME = /^[\w.-]+$/

function readIfExists(file: string): Buffer<ArrayBuffer> | undefined {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

/** Serves `<dir>/<name>` for `/assets/<name>`, 404 for a name it does not hold (a tab left open
 * across a new release asking for an old chunk must not get the app's HTML as a script). */
export function webAssets(dir: string): MiddlewareHandler {
  const cache = new Map<string, Asset>()
  const load = (name: string): Asset | undefined => {
    let asset = cache.get(name)
    if (asset) return asset
    const file = path.join(dir, name)
    const raw = readIfExists(file)
    if (!raw) return undefined
    asset = {
      type: getMimeType(name) ?? 'application/octet-stream',
      raw,
      br: readIfExists(`${file}.br`),
      gzip: readIfExists(`${file}.gz`),
    }
    cache.set(name, asset)
    return asset
  }
  return async function webAsset(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const name = c.req.path.slice('/assets/'.length)
    const asset = NAME.test(name) ? load(name) : undefined
    if (!asset) throw notFound('No such file of the web app')
    const offered = (['br', 'gzip'] as const).filter((e) => asset[e])
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'), offered)
    const body = (encoding && asset[encoding]) ?? asset.raw
    c.header('Content-Type', asset.type)
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    c.header('Vary', 'Accept-Encoding')
    if (encoding) c.header('Content-Encoding', encoding)
    c.header('Content-Length', String(body.byteLength))
    return c.req.method === 'HEAD' ? c.body(null) : c.body(body)
  }
}
