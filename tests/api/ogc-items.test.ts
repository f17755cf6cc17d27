// OGC API – Features Part 1 items (api/ogc): paging, bbox, limit, datetime and property filters
// on places, resources and areas, with only published content ever served.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContentStatus } from '../../api/moderation/content-kinds.ts'
import { MAX_LIMIT, parseLimit } from '../../api/ogc/params.ts'
import { insertPlace } from '../../api/places/places.repository.ts'
import { insertResource } from '../../api/resources/resources.repository.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp

interface Link {
  href: string
  rel: string
  type: string
  title: string
}
interface Feature {
  type: 'Feature'
  id: string
  geometry: { type: string; coordinates: number[] }
  properties: Record<string, unknown>
  links?: Link[]
}
interface Page {
  type: string
  timeStamp: string
  numberMatched: number
  numberReturned: number
  features: Feature[]
  links: Link[]
}
interface ErrorBody {
  error: { code: string; message: string; details: { field: string }[] }
}

const ORIGIN = 'http://localhost'
const CATEGORIES = ['biblioteca', 'scuola', 'orto_giardino'] as const
const DAY = 86_400_000
const FIRST_UPDATE = Date.parse('2025-01-01T12:00:00Z')

/** Published places: a 7-wide grid with 0.02° steps from (7.60, 45.02), one a day from
 * 2025-01-01 12:00 UTC (their last change). */
interface Seeded {
  id: string
  lon: number
  lat: number
  category: string
  updated: number
}
const places: Seeded[] = []
const hiddenIds: string[] = []
const resources: { id: string; themes: string[] }[] = []

async function addPlace(i: number, status: ContentStatus) {
  const lon = Math.round((7.6 + (i % 7) * 0.02) * 1e7) / 1e7
  const lat = Math.round((45.02 + Math.floor(i / 7) * 0.02) * 1e7) / 1e7
  const category = CATEGORIES[i % 3]!
  const id = await insertPlace(t.database.db, {
    category,
    name: `Luogo ${i}`,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    status,
    authorId: null,
    pseudonym: 'tester',
  })
  const updated = FIRST_UPDATE + i * DAY
  await sql`update places set updated_at = ${new Date(updated)} where id = ${id}`.execute(
    t.database.db,
  )
  return { id, lon, lat, category, updated }
}

beforeAll(async () => {
  t = await testApp()
  for (let i = 0; i < 37; i++) places.push(await addPlace(i, 'published'))
  // Not public: at the same spots, so any leak would show in counts and bboxes.
  for (const [i, status] of [
    [0, 'pending'],
    [3, 'pending'],
    [8, 'hidden'],
    [9, 'rejected'],
  ] as const) {
    hiddenIds.push((await addPlace(i, status)).id)
  }
  const themes = [['food'], ['housing', 'work'], ['health']]
  for (let i = 0; i < 25; i++) {
    const id = await insertResource(t.database.db, {
      name: `Risorsa ${i}`,
      description: null,
      themes: themes[i % 3]!,
      organization: null,
      email: null,
      phone: null,
      url: null,
      schedule: [],
      eligibilityDescription: null,
      languages: [],
      accessibility: null,
      address: null,
      geometry: { type: 'Point', coordinates: [7.65 + i * 0.001, 45.07] },
      serviceArea: null,
      assuredDate: null,
      status: i < 23 ? 'published' : 'pending',
      authorId: null,
    })
    if (i < 23) resources.push({ id, themes: themes[i % 3]! })
    else hiddenIds.push(id)
  }
}, 120_000)
afterAll(() => t?.close())

const get = (path: string) => t.app.request(path.startsWith('http') ? path : `${ORIGIN}${path}`)

async function page(path: string): Promise<Page> {
  const res = await get(path)
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/geo+json')
  return (await res.json()) as Page
}

async function refused(path: string, field: string) {
  const res = await get(path)
  expect(res.status, path).toBe(400)
  const body = (await res.json()) as ErrorBody
  expect(body.error.details[0]!.field, path).toBe(field)
}

const rel = (p: Page, r: string) => p.links.find((l) => l.rel === r)

/** Follows `rel` links from `path` to the end; every page, in order. */
async function walk(path: string, direction = 'next'): Promise<Page[]> {
  const pages = [await page(path)]
  for (let n = 0; n < 200; n++) {
    const link = rel(pages.at(-1)!, direction)
    if (!link) return pages
    expect(link.type).toBe('application/geo+json')
    pages.push(await page(link.href))
  }
  throw new Error('more than 200 pages: the links loop')
}

const ids = (pages: Page[]) => pages.flatMap((p) => p.features.map((f) => f.id))
const sorted = (a: string[]) => [...a].sort()
const placesWhere = (keep: (p: Seeded) => boolean) => sorted(places.filter(keep).map((p) => p.id))

describe('paging', () => {
  it('walks every published place exactly once through next links', async () => {
    const pages = await walk('/ogc/collections/places/items?limit=5')
    expect(pages).toHaveLength(8)
    const seen = ids(pages)
    expect(seen).toHaveLength(37)
    expect(sorted(seen)).toEqual(placesWhere(() => true))
    for (const [i, p] of pages.entries()) {
      expect(p.numberMatched).toBe(37)
      expect(p.numberReturned).toBe(p.features.length)
      expect(p.features.length).toBe(i < 7 ? 5 : 2)
      expect(rel(p, 'prev') === undefined).toBe(i === 0)
    }
  })

  it('walks back through prev links over the same pages', async () => {
    const forward = await walk('/ogc/collections/places/items?limit=6')
    const last = forward.at(-1)!
    const back = await walk(rel(last, 'self')!.href, 'prev')
    expect(back.map((p) => p.features.map((f) => f.id))).toEqual(
      forward.map((p) => p.features.map((f) => f.id)).reverse(),
    )
    // And forward again from a page reached backwards.
    const again = await walk(rel(back[1]!, 'self')!.href)
    expect(ids(again)).toEqual(ids(forward.slice(-2)))
  })

  it('keeps filters across pages', async () => {
    const pages = await walk(
      '/ogc/collections/places/items?limit=3&category=scuola&bbox=7.5,45,7.7,46',
    )
    const expected = placesWhere((p) => p.category === 'scuola' && p.lon <= 7.7)
    expect(sorted(ids(pages))).toEqual(expected)
    for (const p of pages) expect(p.numberMatched).toBe(expected.length)
    for (const link of pages.flatMap((p) => p.links.filter((l) => l.rel === 'next'))) {
      expect(new URL(link.href).searchParams.get('category')).toBe('scuola')
    }
  })

  it('walks resources and areas once each', async () => {
    const res = await walk('/ogc/collections/resources/items?limit=4')
    expect(sorted(ids(res))).toEqual(sorted(resources.map((r) => r.id)))
    const zones = await walk('/ogc/collections/zones/items?limit=40')
    expect(zones.map((p) => p.numberReturned)).toEqual([40, 40, 14])
    expect(new Set(ids(zones)).size).toBe(94)
    const back = await walk(rel(zones.at(-1)!, 'self')!.href, 'prev')
    expect(ids(back.reverse())).toEqual(ids(zones))
  })

  it('refuses a cursor it did not write', async () => {
    await refused('/ogc/collections/places/items?cursor=abc', 'cursor')
    const offset = rel(await page('/ogc/collections/zones/items?limit=5'), 'next')!
    const token = new URL(offset.href).searchParams.get('cursor')!
    // An areas cursor is not a places cursor.
    await refused(`/ogc/collections/places/items?cursor=${token}`, 'cursor')
  })
})

describe('the FeatureCollection', () => {
  it('carries timeStamp, self and collection links, and public properties only', async () => {
    const before = Date.now()
    const p = await page('/ogc/collections/places/items')
    expect(Date.parse(p.timeStamp)).toBeGreaterThanOrEqual(before - 1000)
    expect(rel(p, 'self')!.href).toBe(`${ORIGIN}/ogc/collections/places/items`)
    expect(rel(p, 'collection')).toMatchObject({
      href: `${ORIGIN}/ogc/collections/places`,
      type: 'application/json',
    })
    for (const l of p.links) expect(l.title.length).toBeGreaterThan(0)
    const f = p.features[0]!
    expect(f.geometry.type).toBe('Point')
    for (const privateKey of ['status', 'version', 'own'])
      expect(f.properties).not.toHaveProperty(privateKey)
  })

  it('answers f=json the same, and refuses other formats', async () => {
    const a = await page('/ogc/collections/places/items?limit=3')
    const b = await page('/ogc/collections/places/items?limit=3&f=json')
    expect(b.features).toEqual(a.features)
    await refused('/ogc/collections/places/items?f=geojson', 'f')
  })

  it('refuses unknown parameters, naming them (status is not a filter here)', async () => {
    await refused('/ogc/collections/places/items?status=pending', 'status')
    await refused('/ogc/collections/places/items?q=casa', 'q')
    await refused('/ogc/collections/places/items?theme=food', 'theme')
    await refused('/ogc/collections/zones/items?category=scuola', 'category')
  })
})

describe('limit', () => {
  it('defaults to 10 and returns everything below the maximum', async () => {
    expect((await page('/ogc/collections/places/items')).numberReturned).toBe(10)
    expect((await page('/ogc/collections/places/items?limit=1')).numberReturned).toBe(1)
    expect((await page('/ogc/collections/places/items?limit=10000')).numberReturned).toBe(37)
  })

  it('reads a limit above the maximum as the maximum, as the standard asks', async () => {
    expect(MAX_LIMIT).toBe(10_000)
    expect(parseLimit('10001')).toBe(10_000)
    expect(parseLimit('99999999')).toBe(10_000)
    expect((await page('/ogc/collections/places/items?limit=50000')).numberReturned).toBe(37)
  })

  it.each(['0', '-1', '1.5', 'abc', '', '1e3'])('refuses limit=%s', async (v) => {
    await refused(`/ogc/collections/places/items?limit=${v}`, 'limit')
  })
})

describe('bbox', () => {
  const inBox = (w: number, s: number, e: number, n: number) =>
    placesWhere((p) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n)

  it('returns the places inside the box, and only them', async () => {
    const p = await page('/ogc/collections/places/items?limit=100&bbox=7.61,45.03,7.67,45.07')
    const expected = inBox(7.61, 45.03, 7.67, 45.07)
    expect(expected).toHaveLength(6)
    expect(sorted(p.features.map((f) => f.id))).toEqual(expected)
    expect(p.numberMatched).toBe(6)
  })

  it('accepts the 3D form, heights ignored', async () => {
    const p = await page(
      '/ogc/collections/places/items?limit=100&bbox=7.61,45.03,-10,7.67,45.07,10',
    )
    expect(sorted(p.features.map((f) => f.id))).toEqual(inBox(7.61, 45.03, 7.67, 45.07))
  })

  it('reads minLon > maxLon as a box across the antimeridian', async () => {
    const p = await page('/ogc/collections/places/items?limit=100&bbox=170,-90,7.65,90')
    const expected = placesWhere((x) => x.lon <= 7.65)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(37)
    expect(sorted(p.features.map((f) => f.id))).toEqual(expected)
    const zones = await page('/ogc/collections/zones/items?limit=100&bbox=170,-90,-170,90')
    expect(zones.numberMatched).toBe(0)
  })

  it('selects areas and resources by their extent', async () => {
    const zones = await page('/ogc/collections/zones/items?limit=100&bbox=7.68,45.07,7.69,45.075')
    expect(zones.numberMatched).toBeGreaterThan(0)
    expect(zones.numberMatched).toBeLessThan(10)
    const res = await page('/ogc/collections/resources/items?limit=100&bbox=7.6495,45,7.6525,46')
    expect(res.numberMatched).toBe(3)
  })

  it.each([
    '1,2,3',
    'a,b,c,d',
    '7.6,45.1,7.7,45.0',
    '7,45,8,95',
    '-181,45,8,46',
    '',
    '7,45,,46',
    '1,2,3,4,5',
  ])('refuses bbox=%s', async (v) => {
    await refused(`/ogc/collections/places/items?bbox=${v}`, 'bbox')
  })
})

describe('datetime (last change of places and resources)', () => {
  const at = (i: number) => places[i]!.id
  const byDate = async (v: string) =>
    sorted(
      (
        await page(`/ogc/collections/places/items?limit=100&datetime=${encodeURIComponent(v)}`)
      ).features.map((f) => f.id),
    )

  it('reads a date as its whole UTC day, and a date-time to the second', async () => {
    expect(await byDate('2025-01-05')).toEqual([at(4)])
    expect(await byDate('2025-01-05T12:00:00Z')).toEqual([at(4)])
    expect(await byDate('2025-01-05T13:00:00+01:00')).toEqual([at(4)])
    expect(await byDate('2025-01-05T12:00:01Z')).toEqual([])
  })

  it('reads intervals with both ends included, and open ends', async () => {
    expect(await byDate('2025-01-03/2025-01-06')).toEqual(sorted([2, 3, 4, 5].map(at)))
    expect(await byDate('../2025-01-02')).toEqual(sorted([0, 1].map(at)))
    expect(await byDate('2025-02-01T00:00:00Z/..')).toEqual(
      sorted([31, 32, 33, 34, 35, 36].map(at)),
    )
    expect(await byDate('/2025-01-01')).toEqual([at(0)])
    expect(await byDate('../..')).toHaveLength(37)
  })

  it('filters resources on their last change too', async () => {
    const all = await page('/ogc/collections/resources/items?limit=100&datetime=2000-01-01/..')
    expect(all.numberMatched).toBe(23)
    const none = await page('/ogc/collections/resources/items?datetime=../2000-01-01')
    expect(none.numberMatched).toBe(0)
  })

  it('matches every area, which have no time', async () => {
    const zones = await page('/ogc/collections/zones/items?datetime=2025-01-01')
    expect(zones.numberMatched).toBe(94)
  })

  it.each([
    'yesterday',
    '2025-13-01',
    '2025-02-30',
    '2025-01-06/2025-01-03',
    '2025-01-01/2025-01-02/2025-01-03',
    '2025-01-01T25:00:00Z',
    '2025-01-01T10:00:00',
    '2025-W10',
  ])('refuses datetime=%s', async (v) => {
    await refused(`/ogc/collections/places/items?datetime=${encodeURIComponent(v)}`, 'datetime')
    await refused(`/ogc/collections/zones/items?datetime=${encodeURIComponent(v)}`, 'datetime')
  })
})

describe('property filters', () => {
  it('filters places by one or more categories', async () => {
    const one = await page('/ogc/collections/places/items?limit=100&category=biblioteca')
    expect(sorted(one.features.map((f) => f.id))).toEqual(
      placesWhere((p) => p.category === 'biblioteca'),
    )
    const two = await page('/ogc/collections/places/items?limit=100&category=biblioteca,scuola')
    expect(two.numberMatched).toBe(placesWhere((p) => p.category !== 'orto_giardino').length)
    await refused('/ogc/collections/places/items?category=bar', 'category')
  })

  it('filters resources by theme', async () => {
    const p = await page('/ogc/collections/resources/items?limit=100&theme=work')
    expect(sorted(p.features.map((f) => f.id))).toEqual(
      sorted(resources.filter((r) => r.themes.includes('work')).map((r) => r.id)),
    )
    await refused('/ogc/collections/resources/items?theme=cibo', 'theme')
  })

  it('filters areas by code and by parent', async () => {
    const p = await page('/ogc/collections/zones/items?limit=100&parent=district-1')
    expect(p.numberMatched).toBeGreaterThan(3)
    for (const f of p.features)
      expect((f.properties.parent as { id: string }).id).toBe('district-1')
    const one = await page('/ogc/collections/districts/items?code=3')
    expect(one.features.map((f) => f.id)).toEqual(['district-3'])
  })
})

describe('GET …/items/{featureId}', () => {
  it('answers a published place as a Feature with self and collection links', async () => {
    const res = await get(`/ogc/collections/places/items/${places[5]!.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    const f = (await res.json()) as Feature
    expect(f.id).toBe(places[5]!.id)
    expect(f.geometry.coordinates).toEqual([places[5]!.lon, places[5]!.lat])
    expect(f.links!.find((l) => l.rel === 'self')!.href).toBe(
      `${ORIGIN}/ogc/collections/places/items/${places[5]!.id}`,
    )
    expect(f.links!.find((l) => l.rel === 'collection')!.href).toBe(
      `${ORIGIN}/ogc/collections/places`,
    )
  })

  it('answers 404 for what is not published, not in the collection, or not an id', async () => {
    for (const id of hiddenIds) {
      expect((await get(`/ogc/collections/places/items/${id}`)).status).toBe(404)
      expect((await get(`/ogc/collections/resources/items/${id}`)).status).toBe(404)
    }
    expect((await get(`/ogc/collections/resources/items/${places[0]!.id}`)).status).toBe(404)
    expect((await get('/ogc/collections/places/items/not-a-uuid')).status).toBe(404)
    expect((await get('/ogc/collections/zones/items/district-1')).status).toBe(404)
    expect((await get('/ogc/collections/districts/items/district-1')).status).toBe(200)
  })

  it('never lists what is not published', async () => {
    const all = ids(await walk('/ogc/collections/places/items?limit=10000'))
    const res = ids(await walk('/ogc/collections/resources/items?limit=10000'))
    for (const id of hiddenIds) {
      expect(all).not.toContain(id)
      expect(res).not.toContain(id)
    }
  })

  it('refuses parameters on a single feature', async () => {
    await refused(`/ogc/collections/places/items/${places[0]!.id}?limit=1`, 'limit')
  })
})
