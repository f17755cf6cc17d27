// The web app's files (api/web-assets.ts) as the build compressed them (scripts/precompress.ts):
// the coding the browser takes, the same bytes once decoded, a year-long cache, and a 404 (never
// the app's HTML) for a file that is not there.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import type { OutputBundle } from 'rolldown'
import { beforeAll, describe, expect, it } from 'vitest'
import { chooseEncoding } from '../../api/compress.ts'
import { handleError } from '../../api/errors.ts'
import { webAssets } from '../../api/web-assets.ts'
import { precompress } from '../../scripts/precompress.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intrecci-assets-'))
const script = `export const saluto = ${JSON.stringify('Ciao, città! '.repeat(400))}\n`
const files = { 'app-1a2b.js': script, 'tiny-3c4d.css': 'a{color:red}' }

beforeAll(async () => {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  // What Vite hands the plugin after writing: only the names are read.
  const bundle = Object.fromEntries(Object.keys(files).map((n) => [n, {}])) as OutputBundle
  const hook = precompress().writeBundle as (o: { dir: string }, b: OutputBundle) => Promise<void>
  await hook({ dir }, bundle)
})

const app = new Hono()
app.use('/assets/*', webAssets(dir))
app.get('*', (c) => c.html('<!doctype html><p>app</p>'))
app.onError(handleError)

const get = (name: string, accept?: string, method = 'GET') =>
  app.request(`/assets/${name}`, { method, headers: accept ? { 'Accept-Encoding': accept } : {} })

describe('precompress()', () => {
  it('writes a .br and a .gz that decode to the file, and skips files too small to gain', () => {
    const file = path.join(dir, 'app-1a2b.js')
    expect(brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(script)
    expect(gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe(script)
    expect(fs.statSync(`${file}.br`).size).toBeLessThan(script.length / 10)
    expect(fs.existsSync(path.join(dir, 'tiny-3c4d.css.br'))).toBe(false)
  })
})

describe('/assets/*', () => {
  it('sends Brotli to a browser that takes it, with an immutable year-long cache', async () => {
    const res = await get('app-1a2b.js', 'gzip, deflate, br, zstd')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    const body = Buffer.from(await res.arrayBuffer())
    expect(res.headers.get('content-length')).toBe(String(body.byteLength))
    expect(brotliDecompressSync(body).toString()).toBe(script)
  })

  it('falls back to gzip, then to the file as it is', async () => {
    const gz = await get('app-1a2b.js', 'gzip, deflate')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script)
    const plain = await get('app-1a2b.js', 'br;q=0, identity')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(script)
    const small = await get('tiny-3c4d.css', 'br')
    expect(small.headers.get('content-encoding')).toBeNull()
    expect(await small.text()).toBe(files['tiny-3c4d.css'])
  })

  it('answers HEAD with the length and no body', async () => {
    const res = await get('app-1a2b.js', 'br', 'HEAD')
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0)
    expect(await res.text()).toBe('')
  })

  it.each(['gone-9z9z.js', 'app-1a2b.js.map', '..%2Fsecret', 'sub/app-1a2b.js', ''])(
    '404 for %j, not the app’s HTML',
    async (name) => {
      const res = await get(name, 'br')
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/json/)
    },
  )
})

describe('chooseEncoding() with what the server holds', () => {
  it.each([
    ['gzip, deflate, br, zstd', ['br', 'gzip'], 'br'],
    ['gzip, deflate', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['br', ['gzip'], undefined],
    ['*', ['br', 'gzip'], 'br'],
  ] as const)('%s offered %j → %s', (header, offered, expected) => {
    expect(chooseEncoding(header, offered)).toBe(expected)
  })
})
