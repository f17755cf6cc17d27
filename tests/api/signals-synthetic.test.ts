import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteSyntheticSignals, generateSignals } from '../../api/synthetic/signals.ts'
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts'

let d: TestDatabase
beforeAll(async () => {
  d = await openTestDatabase()
})
afterAll(() => d?.drop())

const snapshot = async () => {
  const { rows } = await sql<{ theme: string; severity: number; on: string; wkt: string }>`
    select theme, severity, observed_on::text as on, ST_AsText(geom) as wkt
    from need_signals order by observed_on, theme, ST_X(geom)`.execute(d.db)
  return rows
}

describe('generateSignals', () => {
  it('is deterministic by seed, in batches too', async () => {
    await generateSignals(d.db, { count: 3000, seed: 42, asOf: '2026-04-01' })
    const first = await snapshot()
    expect(first).toHaveLength(3000)
    await deleteSyntheticSignals(d.db)
    await generateSignals(d.db, { count: 3000, seed: 42, asOf: '2026-04-01' })
    expect(await snapshot()).toEqual(first)
    await deleteSyntheticSignals(d.db)
    await generateSignals(d.db, { count: 3000, seed: 43, asOf: '2026-04-01' })
    expect(await snapshot()).not.toEqual(first)
    await deleteSyntheticSignals(d.db)
  })

  it('places signals in proportion to population, inside their areas, over two years', async () => {
    await generateSignals(d.db, { count: 10_000, seed: 7, asOf: '2026-04-01', batchSize: 4000 })
    const { rows } = await sql<{ id: string; pop: number; n: number; inside: number }>`
      select a.id, a.population as pop, count(s.id)::int as n,
             count(s.id) filter (where ST_Intersects(a.geom, s.geom))::int as inside
      from areas a join need_signals s on s.zone_id = a.id
      where a.kind = 'zone' group by a.id, a.population`.execute(d.db)
    const total = await sql<{ n: number; min: string; max: string; keyed: number }>`
      select count(*)::int as n, min(observed_on)::text as min, max(observed_on)::text as max,
             count(municipality_id)::int as keyed
      from need_signals`.execute(d.db)
    const t = total.rows[0]!
    expect(t.n).toBe(10_000)
    expect(t.keyed).toBe(10_000)
    expect(t.min >= '2024-04-02').toBe(true)
    expect(t.max <= '2026-04-01').toBe(true)
    const popAll = await sql<{ p: number }>`
      select sum(population)::int as p from areas a
      where not exists (select 1 from areas c where c.parent_id = a.id)`.execute(d.db)
    for (const r of rows) {
      expect(r.inside).toBe(r.n)
      // Largest remainder per batch of 4000: within 3 rows of the exact share.
      expect(Math.abs(r.n - (10_000 * r.pop) / popAll.rows[0]!.p)).toBeLessThanOrEqual(3)
    }
    await deleteSyntheticSignals(d.db)
  })

  it('refuses counts and seeds it cannot honour', async () => {
    await expect(generateSignals(d.db, { count: -1, seed: 1 })).rejects.toThrow(RangeError)
    await expect(generateSignals(d.db, { count: 1, seed: 0 })).rejects.toThrow(RangeError)
  })
})
