// Counts of need signals per area or per hexagon: the only way signals leave the server for
// anyone but their author and admins. Exact counts here; api/signals/suppression.ts decides
// what each caller may see. No bbox and no point filter exist on purpose (a bisection of the
// filter would locate a signal).
import { sql, type Kysely } from 'kysely'
import type { AreaKind, Database, SignalTheme } from '../db/database.ts'
import type { GeoJSONGeometry } from '../db/geo.ts'
import { COORD_DECIMALS } from '../db/geo.ts'

export interface AggregateFilter {
  theme?: SignalTheme | undefined
  /** Monday of the first week, inclusive (YYYY-MM-DD). */
  from?: string | undefined
  /** Monday after the last week, exclusive (YYYY-MM-DD). */
  until?: string | undefined
}

const AREA_KEY = {
  zone: 'zone_id',
  district: 'district_id',
  municipality: 'municipality_id',
} as const satisfies Record<AreaKind, string>

function filters(f: AggregateFilter) {
  return sql.join(
    [
      sql`true`,
      ...(f.theme ? [sql`s.theme = ${f.theme}`] : []),
      ...(f.from ? [sql`s.observed_on >= ${f.from}::date`] : []),
      ...(f.until ? [sql`s.observed_on < ${f.until}::date`] : []),
    ],
    sql` and `,
  )
}

export interface AreaCount {
  id: string
  code: string
  name: string
  count: number
}

/** Every area of `kind`, with its count (0 for none), ordered by code. */
export async function aggregateByArea(
  db: Kysely<Database>,
  q: AggregateFilter & { kind: AreaKind },
): Promise<AreaCount[]> {
  const key = sql.ref(`s.${AREA_KEY[q.kind]}`)
  const { rows } = await sql<{ id: string; code: string; name: string; count: number }>`
    select a.id, a.code, a.name, coalesce(c.n, 0)::int as count
    from areas a
    left join (
      select ${key} as area_id, count(*) as n
      from need_signals s
      where ${key} is not null and ${filters(q)}
      group by 1
    ) c on c.area_id = a.id
    where a.kind = ${q.kind}
    order by a.code`.execute(db)
  return rows
}

export interface HexCount {
  i: number
  j: number
  geometry: GeoJSONGeometry
  count: number
}

/**
 * Non-empty cells of ST_HexagonGrid(size) in EPSG:3857 over the territory's extent, with their
 * polygons in EPSG:4326. The grid is anchored at the projection's origin, so cells depend only
 * on `size`, never on the signals: a cell tells where its signals are only to within the cell.
 */
export async function aggregateByHex(
  db: Kysely<Database>,
  q: AggregateFilter & { size: number },
): Promise<HexCount[]> {
  const { rows } = await sql<HexCount>`
    with bounds as (
      select ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), 3857) as b
      from areas where kind = 'municipality'
    ),
    cells as (
      select h.i, h.j, ST_Transform(h.geom, 4326) as g
      from bounds, ST_HexagonGrid(${q.size}::float8, bounds.b) as h
    ),
    counted as (
      select c.i, c.j, count(*) as n
      from cells c
      join need_signals s on s.geom && c.g and ST_Intersects(c.g, s.geom)
      where ${filters(q)}
      group by c.i, c.j
    )
    select c.i, c.j, ST_AsGeoJSON(c.g, ${sql.lit(COORD_DECIMALS)})::json as geometry,
           n.n::int as count
    from counted n join cells c on c.i = n.i and c.j = n.j
    order by c.i, c.j`.execute(db)
  return rows
}

/** The whole grid (empty cells too), for tests that check cells are the grid's own. */
export async function hexGrid(db: Kysely<Database>, size: number) {
  const { rows } = await sql<{ i: number; j: number; geometry: GeoJSONGeometry }>`
    with bounds as (
      select ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), 3857) as b
      from areas where kind = 'municipality'
    )
    select h.i, h.j, ST_AsGeoJSON(ST_Transform(h.geom, 4326), ${sql.lit(COORD_DECIMALS)})::json
             as geometry
    from bounds, ST_HexagonGrid(${size}::float8, bounds.b) as h`.execute(db)
  return rows
}
