import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hexGrid } from '../../api/signals/aggregate.repository.ts'
import { authTestApp, call, cookieFor, json, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
const cookies: Record<string, string | undefined> = { visitor: undefined }
// Two spots in different zones: 7 food signals at A (some in week 10, some in week 11),
// 3 housing signals at B.
const A = [7.6856, 45.0712]
const B = [7.6395, 45.0405]
let zoneA = ''
let zoneB = ''

async function add(at: number[], theme: string, observedOn: string) {
  await sql`insert into need_signals (theme, severity, observed_on, geom)
    values (${theme}, 1, ${observedOn}::date,
            ST_SetSRID(ST_MakePoint(${at[0]}::float8, ${at[1]}::float8), 4326))`.execute(t.db)
}

beforeAll(async () => {
  t = await authTestApp()
  for (const role of ['resident', 'planner', 'admin', 'antenna'] as const) {
    cookies[role] = await cookieFor(t.db, (await makeUser(t.db, role)).id)
  }
  for (const d of ['2026-03-02', '2026-03-05', '2026-03-08', '2026-03-09', '2026-03-10'])
    await add(A, 'food', d)
  await add(A, 'food', '2026-03-11')
  await add(A, 'food', '2026-03-12')
  for (const d of ['2026-03-02', '2026-03-03', '2026-03-04']) await add(B, 'housing', d)
  const { rows } = await sql<{ zone_id: string; theme: string }>`
    select distinct zone_id, theme from need_signals`.execute(t.db)
  zoneA = rows.find((r) => r.theme === 'food')!.zone_id
  zoneB = rows.find((r) => r.theme === 'housing')!.zone_id
})
afterAll(() => t?.close())

interface AreaBody {
  areas: { id: string; count: number | null; suppressed: boolean }[]
  from: string | null
  to: string | null
  suppression: { applied: boolean }
}
const areas = async (query: string, as = 'visitor') => {
  const res = await call(t.app, 'GET', `/api/signals/aggregate?${query}`, { cookie: cookies[as] })
  expect(res.status).toBe(200)
  return { res, body: await json<AreaBody>(res) }
}
const countOf = (b: AreaBody, id: string) => b.areas.find((a) => a.id === id)!

describe('GET /api/signals/aggregate?by=area', () => {
  it.each(['visitor', 'resident', 'antenna'])(
    'gives a %s suppressed and rounded counts for every zone',
    async (as) => {
      const { body, res } = await areas('by=area&kind=zone', as)
      expect(body.areas).toHaveLength(94)
      expect(countOf(body, zoneA)).toMatchObject({ count: 5, suppressed: false })
      expect(countOf(body, zoneB)).toMatchObject({ count: null, suppressed: true })
      expect(body.areas.filter((a) => a.count === 0)).toHaveLength(92)
      expect(body.suppression.applied).toBe(true)
      expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    },
  )

  it.each(['planner', 'admin'])('gives a %s exact counts, never cached', async (as) => {
    const { body, res } = await areas('by=area&kind=zone', as)
    expect(countOf(body, zoneA)).toMatchObject({ count: 7, suppressed: false })
    expect(countOf(body, zoneB)).toMatchObject({ count: 3, suppressed: false })
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('counts districts and municipalities from the keys stored at write time', async () => {
    const { body } = await areas('by=area&kind=municipality', 'planner')
    expect(countOf(body, 'municipality-001272').count).toBe(10)
    const d = await areas('by=area&kind=district', 'planner')
    expect(d.body.areas.reduce((s, a) => s + a.count!, 0)).toBe(10)
  })

  it('filters by theme', async () => {
    const { body } = await areas('by=area&kind=zone&theme=housing', 'planner')
    expect(countOf(body, zoneA).count).toBe(0)
    expect(countOf(body, zoneB).count).toBe(3)
  })

  it('widens dates to whole ISO weeks', async () => {
    // 2026-03-04 is a Wednesday of week 10: the whole week 10 counts (Mon 2 … Sun 8).
    const w10 = await areas('by=area&kind=zone&from=2026-03-04&to=2026-03-04', 'planner')
    expect(w10.body.from).toBe('2026-W10')
    expect(w10.body.to).toBe('2026-W10')
    expect(countOf(w10.body, zoneA).count).toBe(3)
    const w11 = await areas('by=area&kind=zone&from=2026-W11', 'planner')
    expect(countOf(w11.body, zoneA).count).toBe(4)
  })

  it('hides the difference between "all themes" and one theme from the public', async () => {
    // zone A: 7 in all themes; a public caller must not learn the exact 7 nor 7 − n.
    const all = await areas('by=area&kind=zone')
    const food = await areas('by=area&kind=zone&theme=food')
    expect(countOf(all.body, zoneA).count).toBe(5)
    expect(countOf(food.body, zoneA).count).toBe(5)
    // Week-by-week differencing is blunted the same way: week 11 alone is 4 → suppressed.
    const w11 = await areas('by=area&kind=zone&from=2026-W11&to=2026-W11')
    expect(countOf(w11.body, zoneA)).toMatchObject({ count: null, suppressed: true })
  })

  it.each([
    'by=area&kind=zone&bbox=7.68,45.07,7.69,45.08',
    'by=area&kind=zone&lon=7.6856&lat=45.0712',
    'by=area&kind=zone&from=2026-03-04T10:00:00Z',
    'by=area&kind=neighbourhood',
    'by=area&kind=zone&theme=loneliness',
  ])('refuses %s with 400, echoing no coordinates', async (q) => {
    const res = await call(t.app, 'GET', `/api/signals/aggregate?${q}`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).not.toMatch(/7\.6856|45\.0712|7\.6395|45\.0405/)
  })
})

interface HexBody {
  features: {
    geometry: { coordinates: number[][][] }
    properties: { i: number; j: number; count: number | null; suppressed: boolean }
  }[]
}

describe('GET /api/signals/aggregate?by=hex', () => {
  it('returns the non-empty cells of the grid as GeoJSON, suppressed for the public', async () => {
    const res = await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=1000')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    const body = await json<HexBody>(res)
    expect(body.features).toHaveLength(2)
    const counts = body.features.map((f) => f.properties.count).sort()
    expect(counts).toEqual([5, null])
  })

  it('gives planners exact counts and the 250 m grid', async () => {
    const res = await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=250', {
      cookie: cookies.planner,
    })
    expect(res.status).toBe(200)
    const body = await json<HexBody>(res)
    expect(body.features.map((f) => f.properties.count).sort()).toEqual([3, 7])
  })

  it('refuses the public a grid finer than 500 m, and sizes off the ladder', async () => {
    expect((await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=250')).status).toBe(400)
    expect((await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=999')).status).toBe(400)
    expect((await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=100')).status).toBe(400)
  })

  it('returns cells that are exactly the grid’s own, whatever the signals', async () => {
    const body = await json<HexBody>(
      await call(t.app, 'GET', '/api/signals/aggregate?by=hex&size=500'),
    )
    const grid = await hexGrid(t.db, 500)
    for (const f of body.features) {
      const cell = grid.find((g) => g.i === f.properties.i && g.j === f.properties.j)!
      expect(f.geometry).toEqual(cell.geometry)
    }
  })
})
