// The query parameters of /ogc (OGC API – Features Part 1 §7.15): f, limit, bbox, datetime,
// cursor and each collection's own property filters. Anything else is refused with 400 naming
// the parameter (§7.15.1, "unknown parameters"), so a typo never silently returns everything.
import { ApiError } from '../errors.ts'

export type Bbox = [number, number, number, number]

/** Limits of the standard's example (Requirement 17): 1 ≤ limit ≤ 10,000, default 10. */
export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 10_000

export const invalidParam = (field: string, message: string) =>
  new ApiError(400, 'invalid_input', `${field}: ${message}`, [{ field, message }])

/** Refuses parameters that are not in `known`. */
export function rejectUnknown(query: Record<string, string>, known: readonly string[]) {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) {
      throw invalidParam(name, `unknown parameter (this resource takes ${known.join(', ')})`)
    }
  }
}

/** `f=json` is the only encoding served (no HTML). */
export function checkFormat(value: string | undefined) {
  if (value !== undefined && value !== 'json') {
    throw invalidParam('f', 'the only format served is json')
  }
}

/** A positive integer; above the maximum it is read as the maximum, as the standard asks
 * (a client asking for more gets pages of 10,000 and `next` links), never an error. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT
  if (!/^\d{1,12}$/.test(value) || Number(value) < 1) {
    throw invalidParam('limit', `must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return Math.min(Number(value), MAX_LIMIT)
}

/**
 * `minLon,minLat,maxLon,maxLat` (or the 6-number 3D form, heights ignored) in CRS84 degrees.
 * minLon > maxLon is a box across the antimeridian, as the standard allows.
 */
export function parseBbox(value: string | undefined): Bbox | undefined {
  if (value === undefined) return undefined
  const n = value.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)))
  const box: number[] | undefined =
    n.length === 4 ? n : n.length === 6 ? [n[0]!, n[1]!, n[3]!, n[4]!] : undefined
  const ok =
    box !== undefined &&
    n.every(Number.isFinite) &&
    box.every((v, i) => (i % 2 === 0 ? v >= -180 && v <= 180 : v >= -90 && v <= 90)) &&
    box[1]! <= box[3]!
  if (!ok) {
    throw invalidParam(
      'bbox',
      'must be minLon,minLat,maxLon,maxLat in degrees (CRS84), minLat ≤ maxLat',
    )
  }
  return box as Bbox
}

/** Whether two boxes overlap (touching counts); `query` may cross the antimeridian. */
export function bboxesIntersect(query: Bbox, box: Bbox): boolean {
  const [w, s, e, n] = query
  if (box[1] > n || box[3] < s) return false
  if (w <= e) return box[0] <= e && box[2] >= w
  return box[2] >= w || box[0] <= e
}

/** The bounding box of a GeoJSON geometry's coordinates. */
export function geometryBbox(geometry: { coordinates: unknown }): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity]
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[]
      box[0] = Math.min(box[0], x!)
      box[1] = Math.min(box[1], y!)
      box[2] = Math.max(box[2], x!)
      box[3] = Math.max(box[3], y!)
      return
    }
    c.forEach(walk)
  }
  walk(geometry.coordinates)
  return box
}

/** The box around boxes. */
export function featuresBbox(boxes: readonly Bbox[]): Bbox {
  return boxes.reduce<Bbox>(
    (a, b) => [
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[2], b[2]),
      Math.max(a[3], b[3]),
    ],
    [Infinity, Infinity, -Infinity, -Infinity],
  )
}
