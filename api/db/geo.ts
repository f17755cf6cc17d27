// PostGIS expressions for Kysely. Geometry crosses the SQL boundary only as a GeoJSON parameter
// (RFC 7946, EPSG:4326): ST_GeomFromGeoJSON($1) in, ST_AsGeoJSON(geom, 7) out. Never WKT strings.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely'

/** A geometry value built in SQL: what geometry columns accept on insert and update. */
export interface GeometryValue {
  readonly __geometry: true
}

/** Decimal places kept on output: 7 ≈ 1 cm at Turin's latitude. */
export const COORD_DECIMALS = 7

export function geomFromGeoJSON(geometry: object): RawBuilder<GeometryValue> {
  return sql<GeometryValue>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`
}

export function multiFromGeoJSON(geometry: object): RawBuilder<GeometryValue> {
  return sql<GeometryValue>`ST_Multi(${geomFromGeoJSON(geometry)})`
}

/** The geometry as parsed GeoJSON (pg and PGlite both decode json columns). */
export function asGeoJSON(geom: Expression<unknown>): RawBuilder<GeoJSONGeometry> {
  return sql<GeoJSONGeometry>`ST_AsGeoJSON(${geom}, ${sql.lit(COORD_DECIMALS)})::json`
}

/** [minLon, minLat, maxLon, maxLat] of a geometry. */
export function bbox(geom: Expression<unknown>): RawBuilder<[number, number, number, number]> {
  return sql`json_build_array(ST_XMin(${geom}), ST_YMin(${geom}), ST_XMax(${geom}), ST_YMax(${geom}))`
}

/**
 * `geom && box` (the GiST index answers it). [minLon, minLat, maxLon, maxLat] in EPSG:4326
 * degrees; a box with minLon > maxLon crosses the antimeridian (OGC API – Features, bbox) and is
 * read as the two boxes either side of it.
 */
export function intersectsBbox(
  geom: Expression<unknown>,
  [w, s, e, n]: readonly [number, number, number, number],
): RawBuilder<SqlBool> {
  if (w <= e) return sql<SqlBool>`${geom} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`
  return sql<SqlBool>`(${geom} && ST_MakeEnvelope(${w}, ${s}, 180, ${n}, 4326)
    or ${geom} && ST_MakeEnvelope(-180, ${s}, ${e}, ${n}, 4326))`
}

export interface GeoJSONGeometry {
  type: string
  coordinates: unknown
}
