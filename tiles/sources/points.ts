// Published places and resources as points, grouped into clusters so that a tile stays small
// however many points fall in it (1,000,000 places make a z8 tile of at most a few thousand
// features). Points are binned on a grid of `cell` tile units aligned with the tile, so each
// cell — and each cluster — belongs to exactly one tile. A cell holding one point gives the
// point itself, with its id and properties; a cell holding more gives one point at their mean
// position with `count` and `cluster: true`. At the deepest zooms the cell is one tile unit:
// only points that would be drawn on the same pixel are merged.
import { sql, type RawBuilder } from 'kysely'
import { EXTENT } from '../tile-math.ts'
import { lonLatEnvelope, mercatorBounds, mercatorX, mercatorY, type SourceQuery } from './source.ts'

interface PointTable {
  table: 'places' | 'resources'
  /** Extra conditions on `p` (filters), joined with `and`. */
  where: RawBuilder<unknown>[]
  /** Properties of a single point, from `p`. */
  props: RawBuilder<unknown>
}

function clusteredPoints(tile: SourceQuery<unknown>['tile'], cell: number, t: PointTable) {
  const box = lonLatEnvelope(tile, 0)
  const [x0, y0, x1, y1] = mercatorBounds(tile)
  const size = (2 * 20037508.342789244) / 2 ** tile.z
  const cellMetres = sql.lit((size / EXTENT) * cell)
  const table = sql.table(t.table)
  const where = sql.join(
    [sql`p.status = 'published'`, sql`p.geom && ${box}`, ...t.where],
    sql` and `,
  )
  // Half-open on the west and north edges, closed on the others: a point on a tile edge belongs
  // to exactly one tile, as in the cells (x to the east, y to the south, like tile units).
  return sql`
    with pts as (
      select p.seq, ${mercatorX(sql`ST_X(p.geom)`)} as mx, ${mercatorY(sql`ST_Y(p.geom)`)} as my
      from ${table} p
      where ${where}
    ),
    cells as (
      select floor((mx - ${x0}) / ${cellMetres})::int as cx,
             floor((${y1} - my) / ${cellMetres})::int as cy,
             count(*)::int as n, avg(mx) as ax, avg(my) as ay, min(seq) as seq
      from pts
      where mx >= ${x0} and mx < ${x1} and my > ${y0} and my <= ${y1}
      group by 1, 2
    )
    select case when c.n = 1 then c.seq end as fid,
           case when c.n = 1 then ${t.props}
                else jsonb_build_object('count', c.n, 'cluster', true) end as props,
           ST_SetSRID(ST_MakePoint(c.ax, c.ay), 3857) as geom
    from cells c
    join ${table} p on p.seq = c.seq
    order by c.cy, c.cx`
}

export interface PlaceFilters {
  category?: string[] | undefined
}

export function placesSource({ tile, cell, filters }: SourceQuery<PlaceFilters>) {
  return clusteredPoints(tile, cell, {
    table: 'places',
    where: filters.category ? [sql`p.category = any(${filters.category}::text[])`] : [],
    props: sql`jsonb_build_object('id', p.id, 'name', p.name, 'category', p.category)`,
  })
}

export interface ThemeFilters {
  theme?: string[] | undefined
}

export function resourcesSource({ tile, cell, filters }: SourceQuery<ThemeFilters>) {
  return clusteredPoints(tile, cell, {
    table: 'resources',
    where: filters.theme ? [sql`p.themes && ${filters.theme}::text[]`] : [],
    // MVT values are scalars: the first theme, and all of them comma-separated.
    props: sql`jsonb_build_object('id', p.id, 'name', p.name, 'theme', p.themes[1],
                                  'themes', array_to_string(p.themes, ','))`,
  })
}
