// HTTP helpers of the tile routes (tiles/http.ts) and the tile cache (tiles/cache.ts).
import { describe, expect, it } from 'vitest'
import { TileCache } from '../../tiles/cache.ts'
import { acceptsGzip, contentTag, etagFor, matchesIfNoneMatch } from '../../tiles/http.ts'
import type { TileBytes } from '../../tiles/mvt.ts'

describe('Accept-Encoding', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['deflate', false],
    ['identity', false],
    ['', false],
    [undefined, false],
  ])('%s → gzip: %s', (header, ok) => {
    expect(acceptsGzip(header)).toBe(ok)
  })
})

describe('ETags', () => {
  const tag = contentTag('places', '42')

  it('differ between the plain and the gzipped tile, and are strong', () => {
    expect(etagFor(tag, false)).not.toBe(etagFor(tag, true))
    expect(etagFor(tag, false)).toMatch(/^"[^"]+"$/)
  })

  it('match If-None-Match in either encoding, weak or strong, in a list, or *', () => {
    expect(matchesIfNoneMatch(etagFor(tag, false), tag)).toBe(true)
    expect(matchesIfNoneMatch(etagFor(tag, true), tag)).toBe(true)
    expect(matchesIfNoneMatch(`W/${etagFor(tag, true)}`, tag)).toBe(true)
    expect(matchesIfNoneMatch(`"other", ${etagFor(tag, false)}`, tag)).toBe(true)
    expect(matchesIfNoneMatch('*', tag)).toBe(true)
  })

  it('do not match another version or nothing', () => {
    expect(matchesIfNoneMatch(etagFor(contentTag('places', '41'), false), tag)).toBe(false)
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false)
    expect(matchesIfNoneMatch('"places.1.4"', contentTag('places', '42'))).toBe(false)
  })
})

describe('the tile cache', () => {
  const bytes = (n: number) => new Uint8Array(n) as TileBytes

  it('renders a tile once for concurrent and later requests', async () => {
    const cache = new TileCache()
    let renders = 0
    const render = async () => {
      renders++
      await new Promise((r) => setTimeout(r, 5))
      return bytes(10)
    }
    await Promise.all([cache.body('a', '1', render), cache.body('a', '1', render)])
    await cache.body('a', '1', render)
    expect(renders).toBe(1)
  })

  it('renders again for a new content version', async () => {
    const cache = new TileCache()
    await cache.body('a', '1', async () => bytes(1))
    expect(await cache.body('a', '2', async () => bytes(2))).toHaveLength(2)
  })

  it('forgets the least recently used tiles past its size', async () => {
    const cache = new TileCache(250)
    for (const k of ['a', 'b', 'c']) await cache.body(k, '1', async () => bytes(100))
    await new Promise((r) => setTimeout(r, 0))
    expect(cache.size).toBe(2)
    expect(cache.has('a')).toBe(false)
    expect(cache.has('c')).toBe(true)
  })

  it('does not keep a failed rendering', async () => {
    const cache = new TileCache()
    await expect(cache.body('x', '1', () => Promise.reject(new Error('db down')))).rejects.toThrow()
    await new Promise((r) => setTimeout(r, 0))
    expect(cache.has('x')).toBe(false)
    expect(await cache.body('x', '1', async () => bytes(3))).toHaveLength(3)
  })

  it('keeps a tile rendered with its version under that version, once for concurrent calls', async () => {
    const cache = new TileCache()
    let renders = 0
    const cold = async () => {
      renders++
      await new Promise((r) => setTimeout(r, 5))
      return { body: bytes(7), version: '9' }
    }
    const [a, b] = await Promise.all([cache.cold('t', cold), cache.cold('t', cold)])
    expect(a).toBe(b)
    expect(renders).toBe(1)
    expect(cache.has('t')).toBe(true)
    expect(await cache.body('t', '9', async () => bytes(0))).toHaveLength(7)
  })

  it('gzips a tile once and keeps it', async () => {
    const cache = new TileCache()
    const a = await cache.gzipped('g', '1', async () => bytes(1000))
    const b = await cache.gzipped('g', '1', async () => bytes(1))
    expect(a).toBe(b)
    expect(a[0]).toBe(0x1f)
  })
})
