// The second step of the geometry guard: what only PostGIS can judge (self-intersections, ring
// orientation problems, collapsed rings) and the route-level helper that runs every 422 check.
import { sql, type Kysely } from 'kysely'
import type { Bbox } from '../config.ts'
import { ApiError } from '../errors.ts'
import { checkSemantics, type Geometry, type GuardResult } from './guard.ts'

/** PostGIS's verdict: valid, or 422 with its reason (e.g. "Self-intersection[7.65 45.07]"). */
export async function assertValidInDb<G extends Geometry>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any schema
  geometry: G,
  field = 'geometry',
): Promise<GuardResult<G>> {
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') {
    return { valid: true, geometry }
  }
  const { rows } = await sql<{ reason: string }>`
    select ST_IsValidReason(ST_GeomFromGeoJSON(${JSON.stringify(geometry)})) as reason`.execute(db)
  const reason = rows[0]?.reason ?? 'Valid Geometry'
  if (reason === 'Valid Geometry') return { valid: true, geometry }
  return { valid: false, status: 422, field, reason }
}

/** Territory, size and PostGIS validity, throwing the 422 ApiError a route answers with. */
export async function guardGeometry<G extends Geometry>(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any schema
  geometry: G,
  opts: { territory: Bbox; maxVertices?: number; field?: string },
): Promise<G> {
  const field = opts.field ?? 'geometry'
  const semantic = checkSemantics(geometry, { types: [], ...opts, field })
  const result = semantic.valid ? await assertValidInDb(db, geometry, field) : semantic
  if (result.valid) return result.geometry
  throw geometryError(result)
}

export function geometryError(result: { status: 400 | 422; field: string; reason: string }) {
  return new ApiError(
    result.status,
    result.status === 422 ? 'invalid_geometry' : 'invalid_input',
    `${result.field}: ${result.reason}`,
    [{ field: result.field, message: result.reason }],
  )
}
