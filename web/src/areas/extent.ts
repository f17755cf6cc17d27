// The extent of a set of areas, from their bboxes (RFC 7946 §5). EPSG:4326.
import type { AreaFeature } from '../api/types.ts'

export type Bbox = [west: number, south: number, east: number, north: number]

export function extentOf(areas: readonly AreaFeature[]): Bbox | undefined {
  let out: Bbox | undefined
  for (const { bbox } of areas) {
    if (!bbox) continue
    const [w, s, e, n] = bbox
    out = out
      ? [Math.min(out[0], w), Math.min(out[1], s), Math.max(out[2], e), Math.max(out[3], n)]
      : [w, s, e, n]
  }
  return out
}
