// Encodes one layer's tile as Mapbox Vector Tile 2.1 (https://github.com/mapbox/vector-tile-spec/
// tree/master/2.1). On the PostGIS server, ST_AsMVTGeom + ST_AsMVT do it all in SQL. PGlite's
// PostGIS is built without protobuf, so there the same source SQL runs through tile_geom()
// (sql/0052_tile_geometry.sql, the steps of ST_AsMVTGeom) and @maplibre/vt-pbf writes the
// protobuf. tests/api/tiles-backends.test.ts decodes both for the same data and compares them.
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DatabaseKind } from '../api/db/connect.ts'
import type { Database } from '../api/db/database.ts'
import { BUFFER, EXTENT, type TileCoord } from './tile-math.ts'

export type Encoder = DatabaseKind

/** Tile bytes (over a plain ArrayBuffer, as HTTP bodies want them). */
export type TileBytes = Uint8Array<ArrayBuffer>

export interface EncodeInput {
  layer: string
  tile: TileCoord
  /** The source's SQL: rows of (fid bigint, props jsonb, geom geometry(3857)). */
  features: RawBuilder<unknown>
}

export interface Versioned {
  body: TileBytes
  /** The layer's content version, read in the same statement (the same snapshot) as the tile. */
  version: string
}

const envelope = (t: TileCoord) => sql`ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int)`

/** The tile's bytes; empty when no feature falls in it. */
export function encodeTile(
  db: Kysely<Database>,
  encoder: Encoder,
  input: EncodeInput,
): Promise<TileBytes> {
  return encoder === 'postgres' ? encodeInSql(db, input) : encodeInJs(db, input)
}

async function encodeInSql(db: Kysely<Database>, input: EncodeInput): Promise<TileBytes> {
  return (await encodeInSqlWithVersion(db, input, undefined)).body
}

/**
 * The server's tile and, in the same statement, the content version of `versionSource` (a
 * tile_versions row): one round trip for a tile not built before, and a version that cannot be
 * newer than the content it names.
 */
export async function encodeInSqlWithVersion(
  db: Kysely<Database>,
  { layer, tile, features }: EncodeInput,
  versionSource: string | undefined,
): Promise<Versioned> {
  const version = versionSource
    ? sql`(select version from tile_versions where source = ${versionSource})`
    : sql`null::bigint`
  const { rows } = await sql<{ mvt: Uint8Array | null; v: string | number | null }>`
    select ST_AsMVT(t, ${layer}, ${EXTENT}, 'geom', 'fid') as mvt, ${version} as v
    from (
      select f.fid, f.props,
             ST_AsMVTGeom(f.geom, ${envelope(tile)}::box2d, ${EXTENT}, ${BUFFER}, true) as geom
      from (${features}) f
    ) t
    where t.geom is not null`.execute(db)
  const mvt = rows[0]?.mvt
  return {
    body: mvt
      ? new Uint8Array(mvt.buffer as ArrayBuffer, mvt.byteOffset, mvt.byteLength)
      : new Uint8Array(0),
    version: String(rows[0]?.v ?? ''),
  }
}

interface GeoJSONGeometry {
  type: string
  coordinates: unknown
}

type Pair = [number, number]

/** A feature as geojson-vt hands it to vt-pbf: type 1 points, 2 lines, 3 polygons. */
interface VtFeature {
  type: 1 | 2 | 3
  geometry: Pair[] | Pair[][]
  tags: Record<string, string | number | boolean>
  id?: number
}

async function encodeInJs(
  db: Kysely<Database>,
  { layer, tile, features }: EncodeInput,
): Promise<TileBytes> {
  const { rows } = await sql<{
    fid: string | number | null
    props: Record<string, unknown> | null
    geom: string
  }>`
    select t.fid, t.props, ST_AsGeoJSON(t.geom) as geom
    from (
      select f.fid, f.props,
             tile_geom(f.geom, ${envelope(tile)}::box2d, ${EXTENT}, ${BUFFER}) as geom
      from (${features}) f
    ) t
    where t.geom is not null`.execute(db)
  if (rows.length === 0) return new Uint8Array(0)
  const out: VtFeature[] = rows.map((r) => ({
    ...toVt(JSON.parse(r.geom) as GeoJSONGeometry),
    tags: scalars(r.props),
    ...(r.fid !== null && Number(r.fid) >= 0 ? { id: Number(r.fid) } : {}),
  }))
  const tiles = { [layer]: { features: out } } as unknown as Parameters<typeof fromGeojsonVt>[0]
  return fromGeojsonVt(tiles, { version: 2, extent: EXTENT }) as TileBytes
}

/** MVT values are scalars; NULLs are left out, as ST_AsMVT does. */
function scalars(props: Record<string, unknown> | null) {
  const tags: Record<string, string | number | boolean> = {}
  for (const [k, v] of Object.entries(props ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[k] = v
  }
  return tags
}

function toVt(g: GeoJSONGeometry): Pick<VtFeature, 'type' | 'geometry'> {
  switch (g.type) {
    case 'Point':
      return { type: 1, geometry: [g.coordinates as Pair] }
    case 'MultiPoint':
      return { type: 1, geometry: g.coordinates as Pair[] }
    case 'LineString':
      return { type: 2, geometry: [g.coordinates as Pair[]] }
    case 'MultiLineString':
      return { type: 2, geometry: g.coordinates as Pair[][] }
    case 'Polygon':
      return { type: 3, geometry: g.coordinates as Pair[][] }
    case 'MultiPolygon':
      return { type: 3, geometry: (g.coordinates as Pair[][][]).flat() }
    default:
      throw new Error(`tile geometry of type ${g.type} cannot be encoded`)
  }
}
