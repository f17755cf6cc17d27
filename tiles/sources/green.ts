// Parks and gardens (green_areas, from OpenStreetMap) for the offline basemap. At low zooms the
// ones smaller than two pixels are left out: they would vanish when snapped to the tile grid.
import { sql } from 'kysely'
import { EXTENT } from '../tile-math.ts'
import { lonLatEnvelope, type SourceQuery } from './source.ts'

export function greenSource({ tile }: SourceQuery<unknown>) {
  const box = lonLatEnvelope(tile)
  // Two tile pixels (a tile is drawn 512 px wide), in degrees of longitude.
  const minDegrees = (2 * 360) / (2 ** tile.z * (EXTENT / 8))
  return sql`
    select g.id::bigint as fid, jsonb_strip_nulls(jsonb_build_object('name', g.name)) as props,
           ST_Transform(ST_ClipByBox2D(g.geom, ${box}::box2d), 3857) as geom
    from green_areas g
    where g.geom && ${box}
      and greatest(ST_XMax(g.geom) - ST_XMin(g.geom), ST_YMax(g.geom) - ST_YMin(g.geom))
          >= ${sql.lit(minDegrees)}
    order by g.id`
}
