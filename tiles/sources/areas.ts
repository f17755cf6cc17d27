// Areas of one kind (municipality, district, zone) with their name and every figure they carry
// (api/areas/indicators.ts) as flat numeric properties, so a client can draw a choropleth of any.
import { sql } from 'kysely'
import type { AreaKind } from '../../api/db/database.ts'
import { lonLatEnvelope, type SourceQuery } from './source.ts'

export function areasSource(kind: AreaKind) {
  return ({ tile }: SourceQuery<unknown>) => {
    const box = lonLatEnvelope(tile)
    // Clipping in 4326 first (with a margin wider than the tile's buffer) saves transforming
    // the whole of a big municipality for a tile that holds a corner of it.
    return sql`
      select null::bigint as fid,
             jsonb_strip_nulls(jsonb_build_object(
               'id', a.id, 'name', a.name, 'kind', a.kind, 'code', a.code,
               'parent', a.parent_id, 'population', a.population)) || a.indicators as props,
             ST_Transform(ST_ClipByBox2D(a.geom, ${box}::box2d), 3857) as geom
      from areas a
      where a.kind = ${kind} and a.geom && ${box}
      order by a.code`
  }
}
