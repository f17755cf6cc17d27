// Need signals through OGC API – Features (api/ogc/collections/need-signals.ts): only counts per
// area or hexagon, suppressed exactly as the public answer of GET /api/signals/aggregate, for
// every caller (planners included), with the same theme and ISO-week filters.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authTestApp, call, cookieFor, json, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let planner = ''

// 12 food signals at A (weeks 10 and 11 of 2026), 3 housing at B, 6 food at C (week 10).
const A = [7.6856, 45.0712]
const B = [7.6395, 45.0405]
const C = [7.7, 45.1]

async function add(at: number[], theme: string, observedOn: string) {
  await sql`insert into need_signals (theme, severity, observed_on, geom)
    values (${theme}, 1, ${observedOn}::date,
            ST_SetSRID(ST_MakePoint(${at[0]}::float8, ${at[1]}::float8), 4326))`.execute(t.db)
}

beforeAll(async () => {
  t = await authTestApp()
  planner = await cookieFor(t.db, (await makeUser(t.db, 'planner')).id)
  for (let i = 0; i < 12; i++) await add(A, 'food', i < 7 ? '2026-03-03' : '2026-03-10')
  for (let i = 0; i < 3; i++) await add(B, 'housing', '2026-03-04')
  for (let i = 0; i < 6; i++) await add(C, 'food', '2026-03-05')
}, 120_000)
afterAll(() => t?.close())

interface Feature {
  id: string
  geometry: { type: string; coordinates: unknown }
  properties: { count: number | null; suppressed: boolean; i?: number; j?: number }
}
interface Page {
  numberMatched: number
  numberReturned: number
  features: Feature[]
}
interface Aggregate {
  areas?: { id: string; count: number | null; suppressed: boolean }[]
  features?: Feature[]
}

const ogc = async (path: string, cookie?: string) => {
  const res = await call(t.app, 'GET', path, { cookie })
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/geo+json')
  return json<Page>(res)
}
const aggregate = async (query: string) => {
  const res = await call(t.app, 'GET', `/api/signals/aggregate?${query}`)
  expect(res.status).toBe(200)
  return json<Aggregate>(res)
}
const counts = (features: Feature[]) =>
  Object.fromEntries(features.map((f) => [f.id, [f.properties.count, f.properties.suppressed]]))

describe('need signals by area', () => {
  it.each(['zone', 'district', 'municipality'])(
    'publishes per %s what the aggregate API publishes to the public',
    async (kind) => {
      const page = await ogc(`/ogc/collections/need-signals-by-${kind}/items?limit=10000`)
      const api = await aggregate(`by=area&kind=${kind}`)
      expect(page.numberMatched).toBe(api.areas!.length)
      expect(counts(page.features)).toEqual(
        Object.fromEntries(api.areas!.map((a) => [a.id, [a.count, a.suppressed]])),
      )
      for (const f of page.features) expect(f.geometry.type).toBe('MultiPolygon')
    },
  )

  it('suppresses small counts and rounds the others, for planners too', async () => {
    for (const cookie of [undefined, planner]) {
      const page = await ogc('/ogc/collections/need-signals-by-zone/items?limit=10000', cookie)
      const shown = page.features.map((f) => f.properties)
      // 12 at A → 10; 6 at C → 5; 3 at B → withheld.
      expect(shown.filter((p) => p.count === 10)).toHaveLength(1)
      expect(shown.filter((p) => p.count === 5)).toHaveLength(1)
      expect(shown.filter((p) => p.suppressed && p.count === null)).toHaveLength(1)
      for (const p of shown) {
        if (p.count !== null) expect(p.count % 5).toBe(0)
      }
    }
  })

  it('filters by theme and whole ISO weeks as the aggregate API does', async () => {
    const cases: [string, string][] = [
      ['theme=housing', 'theme=housing'],
      ['datetime=2026-W10', 'from=2026-W10&to=2026-W10'],
      ['datetime=2026-03-04', 'from=2026-W10&to=2026-W10'],
      ['datetime=2026-03-04T15:00:00Z', 'from=2026-W10&to=2026-W10'],
      ['datetime=2026-W11/..', 'from=2026-W11'],
      ['datetime=../2026-03-01', 'to=2026-W09'],
      ['datetime=2026-W10/2026-W11&theme=food', 'from=2026-W10&to=2026-W11&theme=food'],
    ]
    for (const [ours, theirs] of cases) {
      const page = await ogc(`/ogc/collections/need-signals-by-zone/items?limit=10000&${ours}`)
      const api = await aggregate(`by=area&kind=zone&${theirs}`)
      expect(counts(page.features), ours).toEqual(
        Object.fromEntries(api.areas!.map((a) => [a.id, [a.count, a.suppressed]])),
      )
    }
    // Week 11 alone holds 5 of A's signals: published as 5.
    const w11 = await ogc(
      '/ogc/collections/need-signals-by-zone/items?limit=10000&datetime=2026-W11',
    )
    expect(w11.features.filter((f) => f.properties.count === 5)).toHaveLength(1)
  })

  it('answers one area with the same count as the list', async () => {
    const page = await ogc('/ogc/collections/need-signals-by-zone/items?limit=10000')
    const top = page.features.find((f) => f.properties.count === 10)!
    const one = await ogc(`/ogc/collections/need-signals-by-zone/items/${top.id}`)
    expect((one as unknown as Feature).properties.count).toBe(10)
    const res = await call(t.app, 'GET', '/ogc/collections/need-signals-by-zone/items/district-1')
    expect(res.status).toBe(404)
  })
})

describe('need signals by hexagon', () => {
  it.each([500, 1000, 2000, 4000])(
    'publishes %i m cells as the aggregate API does, as polygons',
    async (size) => {
      const page = await ogc(`/ogc/collections/need-signals-hex-${size}/items?limit=10000`)
      const api = await aggregate(`by=hex&size=${size}`)
      expect(page.numberMatched).toBe(api.features!.length)
      expect(page.numberMatched).toBeGreaterThan(0)
      expect(counts(page.features)).toEqual(counts(api.features!))
      for (const f of page.features) {
        expect(f.geometry).toEqual(api.features!.find((a) => a.id === f.id)!.geometry)
        expect(f.geometry.type).toBe('Polygon')
      }
    },
  )

  it('has no collection for the planners-only 250 m grid', async () => {
    const res = await call(t.app, 'GET', '/ogc/collections/need-signals-hex-250/items')
    expect(res.status).toBe(404)
  })

  it('selects whole cells by bbox, each with its whole count', async () => {
    const all = await ogc('/ogc/collections/need-signals-hex-500/items?limit=10000')
    // A box a few metres wide around A picks A's cell, never a count of the box itself.
    const box = `${A[0]! - 0.0001},${A[1]! - 0.0001},${A[0]! + 0.0001},${A[1]! + 0.0001}`
    const page = await ogc(`/ogc/collections/need-signals-hex-500/items?bbox=${box}`)
    expect(page.numberMatched).toBeGreaterThanOrEqual(1)
    const cell = page.features.find((f) => f.properties.count === 10)!
    expect(cell).toBeDefined()
    expect(counts([cell])).toEqual(counts(all.features.filter((f) => f.id === cell.id)))
  })

  it('answers one cell by id, and 404 for a cell of another grid', async () => {
    const page = await ogc('/ogc/collections/need-signals-hex-1000/items?limit=10000')
    const f = page.features[0]!
    const one = await ogc(`/ogc/collections/need-signals-hex-1000/items/${f.id}`)
    expect((one as unknown as Feature).properties).toEqual(f.properties)
    const other = f.id.replace(/^1000:/, '500:')
    const res = await call(t.app, 'GET', `/ogc/collections/need-signals-hex-1000/items/${other}`)
    expect(res.status).toBe(404)
  })
})

describe('fresh counts', () => {
  it('shows a new signal at once, though pages of the same answer are read many times', async () => {
    const path = '/ogc/collections/need-signals-by-municipality/items?limit=10000'
    const before = counts((await ogc(path)).features)
    await ogc(path)
    for (let i = 0; i < 5; i++) await add(A, 'work', '2026-03-05')
    const after = counts((await ogc(path)).features)
    const api = await aggregate('by=area&kind=municipality')
    expect(after).toEqual(
      Object.fromEntries(api.areas!.map((a) => [a.id, [a.count, a.suppressed]])),
    )
    expect(after).not.toEqual(before)
  })
})

describe('what the signal collections refuse', () => {
  it.each([
    ['theme=food,housing', 'theme'],
    ['theme=cibo', 'theme'],
    ['datetime=2026-W54', 'datetime'],
    ['datetime=2026-W11/2026-W10', 'datetime'],
    ['datetime=soon', 'datetime'],
    ['point=7.6856,45.0712', 'point'],
    ['size=250', 'size'],
    ['kind=zone', 'kind'],
  ])('refuses %s naming %s', async (query, field) => {
    for (const id of ['need-signals-by-zone', 'need-signals-hex-500']) {
      const res = await call(t.app, 'GET', `/ogc/collections/${id}/items?${query}`)
      expect(res.status, `${id} ${query}`).toBe(400)
      const body = await json<{ error: { details: { field: string }[] } }>(res)
      expect(body.error.details[0]!.field).toBe(field)
    }
  })
})
