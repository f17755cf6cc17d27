// The registry of vector-tile layers: for each, where its features come from, the fields a tile
// carries (TileJSON vector_layers), its zoom range, who may see it, how it is cached and the
// filters it takes as query parameters. The routes (tiles.routes.ts), TileJSON (tilejson.ts)
// and the offline basemap (api/basemap/style.ts) all read this one list.
import { z } from 'zod'
import { INDICATORS } from '../api/areas/indicators.ts'
import type { AreaKind } from '../api/db/database.ts'
import { SIGNAL_THEMES } from '../api/signals/themes.ts'
import { PLACE_CATEGORY_KEYS, RESOURCE_THEME_KEYS } from '../api/vocabulary/vocabulary.ts'
import { areasSource } from './sources/areas.ts'
import { greenSource } from './sources/green.ts'
import { mapsSource, type MapFilters } from './sources/maps.ts'
import { placesSource, resourcesSource } from './sources/points.ts'
import { signalsSource } from './sources/signals.ts'
import type { TileSource } from './sources/source.ts'

export type FieldType = 'String' | 'Number' | 'Boolean'

/** The tile_versions row (sql/0050_tile_versions.sql) of the table a layer reads: bumped in the
 * same transaction as every write to it. */
export type VersionSource =
  'areas' | 'places' | 'resources' | 'green_areas' | 'need_signals' | 'maps'

export interface TileLayer<F = unknown> {
  id: string
  title: string
  description: string
  /** Tables read, for people: the SQL is in `source`. */
  from: string
  fields: Record<string, FieldType>
  minzoom: number
  maxzoom: number
  /** Who may read the tiles. Every layer is public today: tiles are anonymous and cacheable. */
  visibility: 'public'
  /** Cache-Control max-age, seconds. */
  maxAge: number
  version: VersionSource
  /** 'version': the ETag names the content version, so a revalidation costs one tiny query.
   * 'content': the ETag hashes the tile itself, for layers whose version must not be public
   * (it would tell when a need signal was written, even where no published count changed). */
  etag: 'version' | 'content'
  attribution: string
  /** Query parameters (strict: anything else is a 400). */
  filters: z.ZodType<F>
  /** Cluster cell sides in tile units for a zoom, finest first: the next is tried when a tile
   * would exceed MAX_TILE_BYTES. Layers that do not cluster have [0]. */
  cells(z: number): number[]
  source: TileSource<F>
}

/** No tile is served larger than this (bytes, before gzip). */
export const MAX_TILE_BYTES = 500 * 1024

const AREAS_ATTRIBUTION =
  'ISTAT, openpolis (CC BY 4.0) · Città di Torino – aperTO (CC BY 4.0) · Pinto 2023, SEI (CC BY-SA 4.0)'
const CONTENT_ATTRIBUTION = 'Intrecci contributors'

/** A comma-separated list of keys: `?category=biblioteca,scuola`, sorted and deduplicated. */
function keyList(keys: readonly string[]) {
  const known = new Set(keys)
  return z
    .string()
    .max(500)
    .transform((v, ctx) => {
      const list = [...new Set(v.split(',').map((s) => s.trim()))].sort()
      const unknown = list.filter((k) => !known.has(k))
      if (unknown.length === 0) return list
      ctx.addIssue({
        code: 'custom',
        message: `unknown ${unknown.map((k) => `"${k}"`).join(', ')}: expected keys among ${keys.join(', ')}`,
      })
      return z.NEVER
    })
}

const noFilters = z.object({}).strict()
const NO_CELLS = () => [0]
/** Points: clusters on a 64-px grid (512 of 4096 units; a tile is drawn 512 px wide) up to z14,
 * the spacing of the usual marker clusterers, so that each marker and its count stay readable
 * (a finer grid covered a dense screen with thousands of overlapping markers, and each frame
 * of a pan drew them all); from z15 only points on the same pixel merge; coarser cells if a
 * tile would still be too big. */
const pointCells = (z: number) => (z <= 14 ? [512, 1024] : [1, 32, 128, 512])

const areaFields: Record<string, FieldType> = {
  id: 'String',
  name: 'String',
  kind: 'String',
  code: 'String',
  parent: 'String',
  population: 'Number',
  ...Object.fromEntries(INDICATORS.map((i) => [i.key, 'Number' as const])),
}

function areasLayer(kind: AreaKind, title: string, minzoom: number): TileLayer {
  return {
    id: `areas-${kind}`,
    title,
    description: `${title} of the territory with their census and registry figures`,
    from: 'areas',
    fields: areaFields,
    minzoom,
    maxzoom: 16,
    visibility: 'public',
    maxAge: 3600,
    version: 'areas',
    etag: 'version',
    attribution: AREAS_ATTRIBUTION,
    filters: noFilters,
    cells: NO_CELLS,
    source: areasSource(kind),
  }
}

export const LAYERS = [
  areasLayer('municipality', 'Municipalities', 0),
  areasLayer('district', 'Districts (circoscrizioni)', 0),
  areasLayer('zone', 'Statistical zones (zone statistiche)', 0),
  {
    id: 'places',
    title: 'Places of community',
    description: 'Published places; clustered where they are dense (count, cluster)',
    from: 'places',
    fields: {
      id: 'String',
      name: 'String',
      category: 'String',
      count: 'Number',
      cluster: 'Boolean',
    },
    minzoom: 0,
    maxzoom: 16,
    visibility: 'public',
    maxAge: 60,
    version: 'places',
    etag: 'version',
    attribution: CONTENT_ATTRIBUTION,
    filters: z.object({ category: keyList(PLACE_CATEGORY_KEYS).optional() }).strict(),
    cells: pointCells,
    source: placesSource,
  } satisfies TileLayer<{ category?: string[] | undefined }>,
  {
    id: 'resources',
    title: 'Resources of the network',
    description: 'Published services, associations and activities; clustered where dense',
    from: 'resources',
    fields: {
      id: 'String',
      name: 'String',
      theme: 'String',
      themes: 'String',
      count: 'Number',
      cluster: 'Boolean',
    },
    minzoom: 0,
    maxzoom: 16,
    visibility: 'public',
    maxAge: 60,
    version: 'resources',
    etag: 'version',
    attribution: CONTENT_ATTRIBUTION,
    filters: z.object({ theme: keyList(RESOURCE_THEME_KEYS).optional() }).strict(),
    cells: pointCells,
    source: resourcesSource,
  } satisfies TileLayer<{ theme?: string[] | undefined }>,
  {
    id: 'signals',
    title: 'Need signals per hexagon',
    description:
      'Counts of need signals per hexagon (edge 4000–500 m by zoom); 1–4 suppressed, others ' +
      'rounded down to a multiple of 5. Never exact points.',
    from: 'need_signals (aggregated), areas',
    fields: {
      id: 'String',
      i: 'Number',
      j: 'Number',
      size: 'Number',
      count: 'Number',
      suppressed: 'Boolean',
    },
    minzoom: 8,
    maxzoom: 14,
    visibility: 'public',
    maxAge: 60,
    version: 'need_signals',
    etag: 'content',
    attribution: CONTENT_ATTRIBUTION,
    filters: z.object({ theme: z.enum(SIGNAL_THEMES).optional() }).strict(),
    cells: NO_CELLS,
    source: signalsSource,
  } satisfies TileLayer<{ theme?: string | undefined }>,
  {
    id: 'green',
    title: 'Parks and gardens',
    description: 'Green areas from OpenStreetMap, for the offline basemap',
    from: 'green_areas',
    fields: { name: 'String' },
    minzoom: 8,
    maxzoom: 16,
    visibility: 'public',
    maxAge: 86400,
    version: 'green_areas',
    etag: 'version',
    attribution: '© OpenStreetMap contributors (ODbL)',
    filters: noFilters,
    cells: NO_CELLS,
    source: greenSource,
  } satisfies TileLayer,
  {
    id: 'maps',
    title: 'Unconventional maps',
    description:
      'Drawings of the public maps groups drew together (points, lines, areas, text labels) ' +
      'with their legend symbol; private and unlisted maps never appear',
    from: 'public_map_features (maps, map_features)',
    fields: {
      id: 'String',
      mapId: 'String',
      mapTitle: 'String',
      kind: 'String',
      symbol: 'String',
      symbolLabel: 'String',
      color: 'String',
      emoji: 'String',
      title: 'String',
    },
    minzoom: 10,
    maxzoom: 16,
    visibility: 'public',
    maxAge: 60,
    version: 'maps',
    etag: 'version',
    attribution: CONTENT_ATTRIBUTION,
    filters: z.object({ map: z.uuid('a map id').optional() }).strict(),
    cells: NO_CELLS,
    source: mapsSource,
  } satisfies TileLayer<MapFilters>,
] as TileLayer[]

const BY_ID = new Map(LAYERS.map((l) => [l.id, l]))

export function findLayer(id: string): TileLayer | undefined {
  return BY_ID.get(id)
}
