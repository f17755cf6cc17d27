// Need signals as counted hexagons: the cells of api/signals/aggregate.repository.ts
// (ST_HexagonGrid in EPSG:3857 over the municipalities' extent, a signal counted in every cell it
// intersects) with the public's suppression (api/signals/suppression.ts): counts 1–4 carry no
// count and `suppressed: true`, larger ones are rounded down to a multiple of 5. Tiles are
// public and anonymous, so nobody reads exact counts here. The hexagon size comes from the zoom,
// from the API's fixed ladder and never below the public's smallest.
import { sql } from 'kysely'
import { HEX_SIZES, PUBLIC_MIN_HEX_SIZE } from '../../api/signals/signals.schema.ts'
import { ROUNDING_BASE, SUPPRESSION_THRESHOLD } from '../../api/signals/suppression.ts'
import { BUFFER, EXTENT, tileBounds } from '../tile-math.ts'
import type { SourceQuery } from './source.ts'

/** Hexagon edge in EPSG:3857 metres for a zoom: about 40–90 px across on screen. */
export function hexSizeForZoom(z: number): number {
  const size = z <= 9 ? 4000 : z === 10 ? 2000 : z === 11 ? 1000 : 500
  if (!(HEX_SIZES as readonly number[]).includes(size) || size < PUBLIC_MIN_HEX_SIZE)
    throw new Error(`hex size ${size} is not a public size of the aggregate API`)
  return size
}

export interface SignalFilters {
  theme?: string | undefined
}

export function signalsSource({ tile, filters }: SourceQuery<SignalFilters>) {
  const size = hexSizeForZoom(tile.z)
  const [x0, y0, x1, y1] = tileBounds(tile)
  const margin = ((x1 - x0) * BUFFER) / EXTENT
  const sizeIndex = HEX_SIZES.indexOf(size as (typeof HEX_SIZES)[number])
  const theme = filters.theme ? sql`s.theme = ${filters.theme}` : sql`true`
  const T = sql.lit(SUPPRESSION_THRESHOLD)
  const R = sql.lit(ROUNDING_BASE)
  return sql`
    with bounds as (
      select ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), 3857) as b
      from areas where kind = 'municipality'
    ),
    cells as (
      select h.i, h.j, h.geom as g3857, ST_Transform(h.geom, 4326) as g
      from bounds, ST_HexagonGrid(${sql.lit(size)}::float8, bounds.b) as h
      where h.geom && ST_MakeEnvelope(${sql.lit(x0 - margin)}, ${sql.lit(y0 - margin)},
                                      ${sql.lit(x1 + margin)}, ${sql.lit(y1 + margin)}, 3857)
    ),
    counted as (
      select c.i, c.j, count(*) as n
      from cells c
      join need_signals s on s.geom && c.g and ST_Intersects(c.g, s.geom)
      where ${theme}
      group by c.i, c.j
    )
    select ${sql.lit(sizeIndex)}::bigint * 4398046511104
             + (c.i + 1048576)::bigint * 2097152 + (c.j + 1048576) as fid,
           jsonb_build_object('id', ${sql.lit(size + ':')} || c.i || ':' || c.j,
                              'i', c.i, 'j', c.j, 'size', ${sql.lit(size)},
                              'suppressed', n.n < ${T})
             || case when n.n < ${T} then '{}'::jsonb
                     else jsonb_build_object('count', (n.n / ${R}) * ${R}) end as props,
           c.g3857 as geom
    from counted n join cells c on c.i = n.i and c.j = n.j
    order by c.i, c.j`
}
