// TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) for each layer, and
// the catalog of layers at GET /tiles.
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../api/db/database.ts'
import { LAYERS, type TileLayer } from './layers.ts'

/** [west, south, east, north] of the territory (the municipalities), or the world when empty. */
export async function territoryBounds(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ b: number[] | null }>`
    select case when count(*) = 0 then null
                else json_build_array(ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)),
                                      ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom))) end as b
    from areas where kind = 'municipality'`.execute(db)
  const b = rows[0]?.b
  return b ? b.map((v) => Number(v.toFixed(6))) : [-180, -85.051129, 180, 85.051129]
}

/** The names of the query parameters a layer takes. */
export function filterNames(layer: TileLayer): string[] {
  return layer.filters instanceof z.ZodObject ? Object.keys(layer.filters.shape) : []
}

/** The tile URL template, with the filters asked for (already validated) in canonical order. */
export function tileUrl(origin: string, layer: TileLayer, query: Record<string, string>): string {
  const params = new URLSearchParams(
    Object.entries(query).sort(([a], [b]) => a.localeCompare(b)),
  ).toString()
  return `${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt${params ? `?${params}` : ''}`
}

export function tileJson(
  origin: string,
  layer: TileLayer,
  query: Record<string, string>,
  bounds: number[],
) {
  const [w, s, e, n] = bounds as [number, number, number, number]
  const centerZoom = Math.min(layer.maxzoom, Math.max(layer.minzoom, 11))
  return {
    tilejson: '3.0.0',
    name: layer.title,
    description: layer.description,
    attribution: layer.attribution,
    scheme: 'xyz',
    tiles: [tileUrl(origin, layer, query)],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds,
    center: [Number(((w + e) / 2).toFixed(6)), Number(((s + n) / 2).toFixed(6)), centerZoom],
    vector_layers: [
      {
        id: layer.id,
        description: layer.description,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        fields: layer.fields,
      },
    ],
  }
}

export function catalog(origin: string) {
  return {
    layers: LAYERS.map((l) => ({
      id: l.id,
      title: l.title,
      description: l.description,
      visibility: l.visibility,
      minzoom: l.minzoom,
      maxzoom: l.maxzoom,
      filters: filterNames(l),
      tilejson: `${origin}/tiles/${l.id}.json`,
      tiles: `${origin}/tiles/${l.id}/{z}/{x}/{y}.mvt`,
    })),
  }
}
