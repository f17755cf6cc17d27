// Synthetic need signals for tests and benchmarks: deterministic by seed, up to millions of rows.
// Done in SQL: each batch allocates its rows to the leaf areas of the territory (Turin's
// statistical zones and the other municipalities) in proportion to population (largest
// remainder, so the total is exact), places them with ST_GeneratePoints(geom, n, seed) (PostGIS
// 3.3+, seeded), and draws theme, severity and date from hashint8extended(row, seed), so the same
// seed gives the same rows on PGlite and on the server. Rows are marked origin = 'synthetic' and
// have no author (deleteSyntheticSignals removes them all). Their area keys come from the leaf
// they were placed in and its ancestors (the database computes them for field signals only).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export interface GenerateOptions {
  count: number
  seed: number
  /** Dates fall in the two years before this day (YYYY-MM-DD); default today. */
  asOf?: string
  /** Rows per INSERT statement (each its own transaction on PGlite's memory budget). */
  batchSize?: number
  onProgress?: (done: number) => void
}

export const MAX_SYNTHETIC_SIGNALS = 5_000_000

/** Cumulative percentages: food 18, housing 16, work 14, family 10, health 9, education 7,
 * digital 8, social_ties 10, legal_debt 5, other 3. */
const THEME_BUCKETS: [number, string][] = [
  [18, 'food'],
  [34, 'housing'],
  [48, 'work'],
  [58, 'family'],
  [67, 'health'],
  [74, 'education'],
  [82, 'digital'],
  [92, 'social_ties'],
  [97, 'legal_debt'],
  [100, 'other'],
]

function themeCase(h: ReturnType<typeof sql>) {
  const whens = THEME_BUCKETS.map(
    ([upTo, theme]) => sql`when ${h} < ${sql.lit(upTo)} then ${sql.lit(theme)}`,
  )
  return sql`case ${sql.join(whens, sql` `)} end`
}

export async function generateSignals(
  db: Kysely<Database>,
  options: GenerateOptions,
): Promise<{ inserted: number }> {
  const { count, seed } = options
  if (!Number.isInteger(count) || count < 0 || count > MAX_SYNTHETIC_SIGNALS) {
    throw new RangeError(`count must be an integer in 0..${MAX_SYNTHETIC_SIGNALS}`)
  }
  if (!Number.isInteger(seed) || seed < 1 || seed > 1_000_000_000) {
    throw new RangeError('seed must be an integer in 1..1000000000')
  }
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError('asOf must be YYYY-MM-DD')
  const batchSize = options.batchSize ?? 100_000
  let done = 0
  for (let batch = 0; done < count; batch++) {
    const n = Math.min(batchSize, count - done)
    await insertBatch(db, { n, seed: seed * 1000 + batch, asOf })
    done += n
    options.onProgress?.(done)
  }
  return { inserted: done }
}

async function insertBatch(db: Kysely<Database>, b: { n: number; seed: number; asOf: string }) {
  // Row hash in 0..99 for a purpose (1: theme, 2: severity), 0..729 for the date.
  const h = (salt: number, mod: number) =>
    sql`(abs(hashint8extended(p.rn * 4 + ${sql.lit(salt)}, ${b.seed}::bigint)) % ${sql.lit(mod)})`
  await sql`
    with leaves as (
      select a.id, a.kind, a.parent_id, a.geom, a.population::float8 as pop,
             row_number() over (order by a.id) as k
      from areas a
      where coalesce(a.population, 0) > 0
        and not exists (select 1 from areas c where c.parent_id = a.id)
    ),
    shares as (
      select id, kind, parent_id, geom, k, ${b.n}::float8 * pop / sum(pop) over () as exact
      from leaves
    ),
    ranked as (
      select id, kind, parent_id, geom, k, floor(exact)::int as base,
             row_number() over (order by exact - floor(exact) desc, id) as r
      from shares
    ),
    alloc as (
      select id, kind, parent_id, geom, k,
             base + case when r <= ${b.n} - sum(base) over () then 1 else 0 end as n
      from ranked
    ),
    points as (
      select (d).geom as geom, row_number() over (order by alloc.k, (d).path[1]) as rn,
             case when alloc.kind = 'zone' then alloc.id end as zone_id,
             case when alloc.kind = 'zone' then alloc.parent_id end as district_id,
             case when alloc.kind = 'municipality' then alloc.id
                  else (select d2.parent_id from areas d2 where d2.id = alloc.parent_id) end
               as municipality_id
      from alloc,
           lateral ST_Dump(ST_GeneratePoints(alloc.geom, alloc.n, ${b.seed} + alloc.k::int)) as d
      where alloc.n > 0
    )
    insert into need_signals (theme, severity, note, observed_on, origin, geom,
                              zone_id, district_id, municipality_id)
    select ${themeCase(h(1, 100))},
           case when ${h(2, 100)} < 50 then 1 when ${h(2, 100)} < 85 then 2 else 3 end,
           null,
           ${b.asOf}::date - ${h(3, 730)}::int,
           'synthetic',
           ST_SetSRID(p.geom, 4326),
           p.zone_id, p.district_id, p.municipality_id
    from points p`.execute(db)
}

export async function deleteSyntheticSignals(db: Kysely<Database>): Promise<number> {
  const r = await db.deleteFrom('need_signals').where('origin', '=', 'synthetic').executeTakeFirst()
  return Number(r.numDeletedRows)
}
