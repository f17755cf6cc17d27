// Drawings of the public unconventional maps (api/maps), from the view public_map_features
// (sql/0044): only public, published maps and their published drawings, so private and unlisted
// maps can never reach a tile. Each drawing keeps its shape (points, lines, areas, text labels)
// with its legend symbol's label, colour and emoji for styling. Not clustered: a map holds at
// most 5,000 drawings, and a tile is as big as the drawings in it.
import { sql } from 'kysely'
import { lonLatEnvelope, type SourceQuery } from './source.ts'

export interface MapFilters {
  /** One map's drawings only. */
  map?: string | undefined
}

export function mapsSource({ tile, filters }: SourceQuery<MapFilters>) {
  const box = lonLatEnvelope(tile)
  const oneMap = filters.map ? sql`and f.map_id = ${filters.map}::uuid` : sql``
  return sql`
    select f.seq as fid,
           jsonb_strip_nulls(jsonb_build_object(
             'id', f.id, 'mapId', f.map_id, 'mapTitle', f.map_title, 'kind', f.kind,
             'symbol', f.symbol, 'symbolLabel', f.symbol_label, 'color', f.symbol_color,
             'emoji', f.symbol_emoji, 'title', f.title)) as props,
           ST_Transform(ST_ClipByBox2D(f.geom, ${box}::box2d), 3857) as geom
    from public_map_features f
    where f.geom && ${box} ${oneMap}
    order by f.seq`
}
