// The shared geometry guard: every geometry a client sends passes here before it is stored.
// GeoJSON geometry objects per RFC 7946 (https://www.rfc-editor.org/rfc/rfc7946), EPSG:4326
// degrees, [longitude, latitude]. Results follow terra-draw's `{ valid, reason }` shape, with the
// HTTP status and the field at fault:
//   400 — not a geometry we accept (not finite numbers, bad structure, unclosed ring, wrong type);
//   422 — well formed but refused (out of range, outside the territory, too many vertices,
//         invalid for PostGIS, e.g. a self-intersecting "bow-tie" polygon).
// Steps: checkStructure (pure, also behind the zod field) → checkSemantics (pure, needs the
// territory) → assertValidInDb (PostGIS ST_IsValidReason).
import { DEFAULT_TERRITORY_BBOX, type Bbox } from '../config.ts'

export type GeometryType =
  'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon'

export type Position = [number, number]

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

export type GeometryOf<T extends GeometryType> = Extract<Geometry, { type: T }>

export type GuardResult<G extends Geometry = Geometry> =
  { valid: true; geometry: G } | { valid: false; status: 400 | 422; field: string; reason: string }

export interface GuardOptions {
  types: readonly GeometryType[]
  /** Vertices allowed in one geometry; never more than MAX_VERTICES. */
  maxVertices?: number
  /** [minLon, minLat, maxLon, maxLat]; defaults to the territory of Turin + CIdiS. */
  territory?: Bbox
  /** Name of the field in error details (default "geometry"). */
  field?: string
}

/** Hard ceiling for any geometry (a caller may lower it, never raise it). */
export const MAX_VERTICES = 5000
/** Decimal places kept: 7 ≈ 1 cm at Turin's latitude. */
export const DECIMALS = 7
const SCALE = 10 ** DECIMALS

/** Nesting depth of `coordinates` per type: Point 0 (a position) … MultiPolygon 3. */
const DEPTH: Record<GeometryType, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
}

class Refusal {
  constructor(
    readonly status: 400 | 422,
    readonly path: (string | number)[],
    readonly reason: string,
  ) {}
}

const round = (n: number) => Math.round(n * SCALE) / SCALE

/** Structure only (400s): an RFC 7946 geometry of an accepted type, finite numbers, closed
 * rings, enough positions. Coordinates come back rounded to 7 decimals, Z dropped. */
export function checkStructure<T extends GeometryType>(
  input: unknown,
  opts: GuardOptions & { types: readonly T[] },
): GuardResult<GeometryOf<T>> {
  return run(opts, () => structure(input, opts.types)) as GuardResult<GeometryOf<T>>
}

/** Ranges, territory and size (422s) of a structurally valid geometry. */
export function checkSemantics<G extends Geometry>(
  geometry: G,
  opts: GuardOptions,
): GuardResult<G> {
  return run(opts, () => {
    semantics(geometry, opts)
    return geometry
  }) as GuardResult<G>
}

/** Both pure steps: the full check short of PostGIS's validity (see assertValidInDb). */
export function checkGeometry<T extends GeometryType>(
  input: unknown,
  opts: GuardOptions & { types: readonly T[] },
): GuardResult<GeometryOf<T>> {
  const s = checkStructure(input, opts)
  return s.valid ? checkSemantics(s.geometry, opts) : s
}

function run(opts: GuardOptions, fn: () => Geometry): GuardResult {
  try {
    return { valid: true, geometry: fn() }
  } catch (err) {
    if (!(err instanceof Refusal)) throw err
    const field = [opts.field ?? 'geometry', ...err.path].join('.')
    return { valid: false, status: err.status, field, reason: err.reason }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function structure(input: unknown, types: readonly GeometryType[]): Geometry {
  if (!isObject(input)) throw new Refusal(400, [], 'must be a GeoJSON geometry object')
  const type = input.type
  if (type === 'GeometryCollection') {
    throw new Refusal(400, ['type'], 'GeometryCollection is not accepted: send one geometry')
  }
  if (typeof type !== 'string' || !types.includes(type as GeometryType)) {
    throw new Refusal(400, ['type'], `must be one of ${types.join(', ')}`)
  }
  const t = type as GeometryType
  const coordinates = nested(input.coordinates, DEPTH[t], ['coordinates'])
  if (t === 'LineString') lineString(coordinates as Position[], ['coordinates'])
  if (t === 'MultiLineString') {
    nonEmpty(coordinates, ['coordinates'])
    ;(coordinates as Position[][]).forEach((l, i) => lineString(l, ['coordinates', i]))
  }
  if (t === 'MultiPoint') nonEmpty(coordinates, ['coordinates'])
  if (t === 'Polygon') polygon(coordinates as Position[][], ['coordinates'])
  if (t === 'MultiPolygon') {
    nonEmpty(coordinates, ['coordinates'])
    ;(coordinates as Position[][][]).forEach((p, i) => polygon(p, ['coordinates', i]))
  }
  return { type: t, coordinates } as Geometry
}

/** Walks exactly `depth` levels of arrays then a position: deeper nesting is refused, never
 * recursed into. */
function nested(v: unknown, depth: number, path: (string | number)[]): unknown {
  if (depth === 0) return position(v, path)
  if (!Array.isArray(v)) throw new Refusal(400, path, 'must be an array')
  return v.map((item, i) => nested(item, depth - 1, [...path, i]))
}

function position(v: unknown, path: (string | number)[]): Position {
  if (!Array.isArray(v) || v.length < 2 || v.length > 3) {
    throw new Refusal(400, path, 'must be a position [longitude, latitude]')
  }
  v.forEach((n, i) => {
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new Refusal(400, [...path, i], 'must be a finite number')
    }
  })
  // Z is dropped: every geometry column is 2D.
  return [round(v[0] as number), round(v[1] as number)]
}

function nonEmpty(v: unknown, path: (string | number)[]) {
  if ((v as unknown[]).length === 0) throw new Refusal(400, path, 'must not be empty')
}

function lineString(line: Position[], path: (string | number)[]) {
  if (line.length < 2) throw new Refusal(400, path, 'a line needs at least 2 positions')
}

function polygon(rings: Position[][], path: (string | number)[]) {
  nonEmpty(rings, path)
  rings.forEach((ring, i) => {
    if (ring.length < 4) {
      throw new Refusal(400, [...path, i], 'a ring needs at least 4 positions')
    }
    const first = ring[0]!
    const last = ring[ring.length - 1]!
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw new Refusal(400, [...path, i], 'ring is not closed: last position must equal first')
    }
  })
}

function semantics(g: Geometry, opts: GuardOptions) {
  const max = Math.min(opts.maxVertices ?? MAX_VERTICES, MAX_VERTICES)
  const [w, s, e, n] = opts.territory ?? DEFAULT_TERRITORY_BBOX
  let count = 0
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (typeof (v as unknown[])[0] === 'number') {
      const [lon, lat] = v as Position
      if (++count > max) throw new Refusal(422, ['coordinates'], `more than ${max} vertices`)
      if (lon < -180 || lon > 180) throw new Refusal(422, [...path, 0], 'longitude out of range')
      if (lat < -90 || lat > 90) throw new Refusal(422, [...path, 1], 'latitude out of range')
      if (lon < w || lon > e || lat < s || lat > n) {
        throw new Refusal(
          422,
          path,
          `outside the territory [${w}, ${s}, ${e}, ${n}] (is it [longitude, latitude]?)`,
        )
      }
      return
    }
    ;(v as unknown[]).forEach((item, i) => visit(item, [...path, i]))
  }
  visit(g.coordinates, ['coordinates'])
}
