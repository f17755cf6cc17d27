// Snapping while drawing (web/src/maps/draw/snap.ts): the pointer goes to the nearest vertex of
// another drawing, or a place of community, within SNAP_PX on screen; never to the drawing being
// reshaped, never to anything farther. A flat projection stands in for MapLibre's: 1 px per
// 0.0001° at the test's zoom, y down.
import type { Map as MapLibreMap } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import type { DrawnFeature } from '../../web/src/api/maps-types.ts'
import { SNAP_PX, SnapTargets } from '../../web/src/maps/draw/snap.ts'

const ORIGIN = [7.67, 45.06] as const
const PX = 0.0001
const map = {
  project: ([lon, lat]: [number, number]) => ({
    x: (lon - ORIGIN[0]) / PX,
    y: (ORIGIN[1] - lat) / PX,
  }),
  unproject: ([x, y]: [number, number]) => ({ lng: ORIGIN[0] + x * PX, lat: ORIGIN[1] - y * PX }),
} as unknown as MapLibreMap

const at = (x: number, y: number): [number, number] => [ORIGIN[0] + x * PX, ORIGIN[1] - y * PX]

function drawing(id: string, geometry: DrawnFeature['geometry']): DrawnFeature {
  return { type: 'Feature', id, geometry, properties: {} as DrawnFeature['properties'] }
}

const square = drawing('square', {
  type: 'Polygon',
  coordinates: [[at(100, 100), at(200, 100), at(200, 200), at(100, 200), at(100, 100)]],
})
const path = drawing('path', { type: 'LineString', coordinates: [at(300, 300), at(400, 320)] })

describe('snapping', () => {
  it('takes the nearest vertex of another drawing within reach', () => {
    const targets = new SnapTargets()
    targets.set([square, path], [])
    expect(targets.nearest(map, 104, 97)).toEqual(at(100, 100))
    expect(targets.nearest(map, 397, 322)).toEqual(at(400, 320))
    // Two in reach: the nearer wins.
    targets.set([square, drawing('dot', { type: 'Point', coordinates: at(108, 100) })], [])
    expect(targets.nearest(map, 105, 100)).toEqual(at(108, 100))
  })

  it('leaves the pointer alone beyond SNAP_PX, and between vertices', () => {
    const targets = new SnapTargets()
    targets.set([square], [])
    expect(targets.nearest(map, 100 + SNAP_PX + 1, 100)).toBeUndefined()
    expect(targets.nearest(map, 150, 100)).toBeUndefined()
  })

  it('snaps to places of community too', () => {
    const targets = new SnapTargets()
    targets.set([], [at(50, 60)])
    expect(targets.nearest(map, 55, 58)).toEqual(at(50, 60))
  })

  it('never snaps a drawing being reshaped to its own vertices', () => {
    const targets = new SnapTargets()
    targets.set([square, path], [])
    expect(targets.nearest(map, 101, 101, 'square')).toBeUndefined()
    expect(targets.nearest(map, 301, 301, 'square')).toEqual(at(300, 300))
  })
})
