// Response compression (api/compress.ts): negotiation, and what a client decodes is the body.
import { gunzipSync, inflateSync } from 'node:zlib'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { describe, expect, it } from 'vitest'
import { chooseEncoding, compress, COMPRESS_THRESHOLD } from '../../api/compress.ts'

describe('Accept-Encoding', () => {
  it.each([
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'gzip'],
    ['br;q=1.0, gzip;q=0.5', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip;q=0, deflate', 'deflate'],
    ['*', 'gzip'],
    ['*;q=0', undefined],
    ['identity', undefined],
    ['br', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding)
  })
})

describe('compress()', () => {
  const big = { features: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Luogo ${i}` })) }
  const app = new Hono()
  app.use(compress())
  app.get('/big', (c) => {
    c.header('ETag', '"7"')
    c.header('Vary', 'Cookie')
    return c.json(big)
  })
  app.get('/small', (c) => c.json({ ok: true }))
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }))
  app.get('/events', (c) =>
    streamSSE(c, async (s) => {
      await s.writeSSE({ data: 'x'.repeat(COMPRESS_THRESHOLD * 2) })
    }),
  )
  const get = (path: string, encoding?: string) =>
    app.request(path, encoding ? { headers: { 'accept-encoding': encoding } } : {})

  it('gzips a large JSON body that decodes to the same JSON, with its length and a weak ETag', async () => {
    const res = await get('/big', 'gzip, deflate')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(res.headers.get('content-length')).toBe(String(bytes.length))
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(big)
    expect(bytes.length).toBeLessThan(JSON.stringify(big).length / 3)
    expect(res.headers.get('etag')).toBe('W/"7"')
    expect(res.headers.get('vary')).toBe('Cookie, Accept-Encoding')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('deflates for a client that takes only deflate', async () => {
    const res = await get('/big', 'deflate')
    expect(res.headers.get('content-encoding')).toBe('deflate')
    const body = inflateSync(Buffer.from(await res.arrayBuffer())).toString('utf8')
    expect(JSON.parse(body)).toEqual(big)
  })

  it('sends the body as it is to a client that takes neither, saying it may vary', async () => {
    const res = await get('/big')
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(await res.json()).toEqual(big)
    expect(res.headers.get('vary')).toBe('Cookie, Accept-Encoding')
    expect(res.headers.get('etag')).toBe('"7"')
  })

  it('leaves small bodies, images and event streams alone', async () => {
    const small = await get('/small', 'gzip')
    expect(small.headers.get('content-encoding')).toBeNull()
    expect(await small.json()).toEqual({ ok: true })
    const png = await get('/png', 'gzip')
    expect(png.headers.get('content-encoding')).toBeNull()
    expect((await png.arrayBuffer()).byteLength).toBe(4096)
    const events = await get('/events', 'gzip')
    expect(events.headers.get('content-encoding')).toBeNull()
    expect(await events.text()).toContain('x'.repeat(100))
  })
})
