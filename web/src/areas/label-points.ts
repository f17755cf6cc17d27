// One label point per area, at the pole of inaccessibility of its largest polygon, so a label
// sits inside the shape (not at a centroid that may fall outside) and appears once, not once
// per tile as MapLibre would place it on the polygon itself. Coordinates: EPSG:4326 degrees.
import type { Feature, FeatureCollection, Point, Position } from 'geojson'
import polylabel from 'polylabel'
import type { AreaFeature } from '../api/types.ts'

export interface LabelProperties {
  id: string
  title: string
  subtitle: string
  /** Placement priority, lower first: the most populous areas keep their labels. */
  rank: number
}

export type LabelCollection = FeatureCollection<Point, LabelProperties>

// Degrees of longitude are shorter than degrees of latitude at Turin (45° N): polylabel works
// on a plane, so x is scaled by cos(45°) before and unscaled after.
const X_SCALE = Math.cos((45 * Math.PI) / 180)
/** ~5 m. */
const PRECISION_DEG = 0.00005

function ringArea(ring: Position[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!)
  }
  return Math.abs(sum / 2)
}

function largestPolygon(area: AreaFeature): Position[][] | undefined {
  const g = area.geometry
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  let best: Position[][] | undefined
  let bestArea = -1
  for (const p of polygons) {
    const a = p[0] ? ringArea(p[0]) : 0
    if (a > bestArea) [best, bestArea] = [p, a]
  }
  return best
}

const cache = new WeakMap<AreaFeature, Position | undefined>()

/** Computed once per feature object: a language switch only changes the text. */
export function labelPoint(area: AreaFeature): Position | undefined {
  if (cache.has(area)) return cache.get(area)
  const polygon = largestPolygon(area)
  let at: Position | undefined
  if (polygon) {
    const scaled = polygon.map((ring) => ring.map(([x, y]) => [x! * X_SCALE, y!]))
    const [x, y] = polylabel(scaled, PRECISION_DEG)
    at = [x / X_SCALE, y]
  }
  cache.set(area, at)
  return at
}

export function labelPoints(
  areas: readonly AreaFeature[],
  text: (area: AreaFeature) => { title: string; subtitle: string },
): LabelCollection {
  const features: Feature<Point, LabelProperties>[] = []
  for (const area of areas) {
    const at = labelPoint(area)
    if (at) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: at },
        properties: { id: area.id, ...text(area), rank: -(area.properties.population ?? 0) },
      })
    }
  }
  return { type: 'FeatureCollection', features }
}
