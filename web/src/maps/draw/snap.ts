// Snapping while drawing: the pointer jumps to a vertex of another drawing of the map, or to a
// place of community, when one is within SNAP_PX on screen. Vertices are kept flat (lon, lat
// pairs) and filtered by a box in degrees before any projection, so a map of 5,000 drawings
// costs a few thousand comparisons per pointer move.
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { DrawnFeature } from '../../api/maps-types.ts'

export const SNAP_PX = 12

type Position = [number, number]

export class SnapTargets {
  #coords: number[] = []
  /** The drawing each vertex belongs to ('' for places). */
  #owners: string[] = []

  /** Replaces the vertices with those of `features` and the points of `places`. */
  set(features: Iterable<DrawnFeature>, places: readonly Position[]): void {
    const coords: number[] = []
    const owners: string[] = []
    const add = (p: number[], owner: string) => {
      coords.push(p[0]!, p[1]!)
      owners.push(owner)
    }
    for (const f of features) {
      const g = f.geometry
      if (g.type === 'Point') add(g.coordinates, f.id)
      else if (g.type === 'LineString') for (const p of g.coordinates) add(p, f.id)
      else for (const ring of g.coordinates) for (const p of ring.slice(0, -1)) add(p, f.id)
    }
    for (const p of places) add(p, '')
    this.#coords = coords
    this.#owners = owners
  }

  /** The target nearest to the screen point (x, y), within SNAP_PX, skipping `except`. */
  nearest(map: MapLibreMap, x: number, y: number, except?: string): Position | undefined {
    const a = map.unproject([x - SNAP_PX, y - SNAP_PX])
    const b = map.unproject([x + SNAP_PX, y + SNAP_PX])
    const [w, e] = [Math.min(a.lng, b.lng), Math.max(a.lng, b.lng)]
    const [s, n] = [Math.min(a.lat, b.lat), Math.max(a.lat, b.lat)]
    let best: Position | undefined
    let bestD = SNAP_PX * SNAP_PX
    const c = this.#coords
    for (let i = 0; i < c.length; i += 2) {
      const lon = c[i]!
      const lat = c[i + 1]!
      if (lon < w || lon > e || lat < s || lat > n) continue
      if (except && this.#owners[i / 2] === except) continue
      const p = map.project([lon, lat])
      const d = (p.x - x) ** 2 + (p.y - y) ** 2
      if (d <= bestD) {
        bestD = d
        best = [lon, lat]
      }
    }
    return best
  }
}
