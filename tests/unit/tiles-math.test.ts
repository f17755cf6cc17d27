// Tile arithmetic (tiles/tile-math.ts) and the choice of hexagon size by zoom.
import { describe, expect, it } from 'vitest'
import { HEX_SIZES, PUBLIC_MIN_HEX_SIZE } from '../../api/signals/signals.schema.ts'
import { hexSizeForZoom } from '../../tiles/sources/signals.ts'
import {
  WORLD_HALF,
  inRange,
  tileAt,
  tileBounds,
  tileLonLatBounds,
  tilePointToLonLat,
  tilesCovering,
  toLonLat,
  toMercator,
} from '../../tiles/tile-math.ts'

describe('tile bounds', () => {
  it('gives the whole world for tile 0/0/0', () => {
    expect(tileBounds({ z: 0, x: 0, y: 0 })).toEqual([
      -WORLD_HALF,
      -WORLD_HALF,
      WORLD_HALF,
      WORLD_HALF,
    ])
  })

  it('matches ST_TileEnvelope(10, 533, 368) (Turin), to the millimetre', () => {
    // PostGIS 3.3: ST_XMin … ST_YMax of ST_TileEnvelope(10, 533, 368).
    const [x0, y0, x1, y1] = tileBounds({ z: 10, x: 533, y: 368 })
    expect(x0).toBeCloseTo(821850.928122215, 3)
    expect(x1).toBeCloseTo(860986.6866042241, 3)
    expect(y0).toBeCloseTo(5596413.4629, 3)
    expect(y1).toBeCloseTo(5635549.2214, 3)
  })

  it('puts y = 0 at the north edge', () => {
    const [, south, , north] = tileLonLatBounds({ z: 1, x: 0, y: 0 })
    expect(south).toBeCloseTo(0, 9)
    expect(north).toBeCloseTo(85.0511287798, 9)
  })
})

describe('projections', () => {
  it.each([
    [7.6856, 45.0712],
    [0, 0],
    [-179.9, -85],
    [179.9, 85],
  ])('round-trips %f, %f through EPSG:3857', (lon, lat) => {
    const [back, forth] = toLonLat(...toMercator(lon, lat))
    expect(back).toBeCloseTo(lon, 9)
    expect(forth).toBeCloseTo(lat, 9)
  })

  it('maps tile units back to the position a tile was cut around', () => {
    const tile = tileAt(7.6856, 45.0712, 14)
    const [w, s, e, n] = tileLonLatBounds(tile)
    expect(tilePointToLonLat(tile, 0, 0)).toEqual([w, n].map((v) => expect.closeTo(v, 9)))
    expect(tilePointToLonLat(tile, 4096, 4096)).toEqual([e, s].map((v) => expect.closeTo(v, 9)))
  })
})

describe('finding tiles', () => {
  it('finds the tile holding Piazza Castello at z14', () => {
    const t = tileAt(7.6856, 45.0712, 14)
    const [w, s, e, n] = tileLonLatBounds(t)
    expect(7.6856).toBeGreaterThanOrEqual(w)
    expect(7.6856).toBeLessThan(e)
    expect(45.0712).toBeGreaterThanOrEqual(s)
    expect(45.0712).toBeLessThan(n)
  })

  it('clamps the poles and the antimeridian into the grid', () => {
    expect(tileAt(180, 89.9, 3)).toEqual({ z: 3, x: 7, y: 0 })
    expect(tileAt(-180, -89.9, 3)).toEqual({ z: 3, x: 0, y: 7 })
  })

  it('covers a box with every tile that meets it', () => {
    const tiles = tilesCovering([7.6, 45.0, 7.75, 45.12], 12)
    const xs = new Set(tiles.map((t) => t.x))
    const ys = new Set(tiles.map((t) => t.y))
    expect(tiles).toHaveLength(xs.size * ys.size)
    expect(tiles).toContainEqual(tileAt(7.6, 45.0, 12))
    expect(tiles).toContainEqual(tileAt(7.75, 45.12, 12))
  })

  it.each([
    [{ z: 0, x: 0, y: 0 }, true],
    [{ z: 3, x: 7, y: 7 }, true],
    [{ z: 3, x: 8, y: 0 }, false],
    [{ z: 3, x: 0, y: -1 }, false],
  ])('knows whether %o is a tile', (t, ok) => {
    expect(inRange(t)).toBe(ok)
  })
})

describe('hexagon size by zoom', () => {
  it('uses only the aggregate API’s public sizes, never below its smallest', () => {
    for (let z = 0; z <= 22; z++) {
      const size = hexSizeForZoom(z)
      expect(HEX_SIZES).toContain(size)
      expect(size).toBeGreaterThanOrEqual(PUBLIC_MIN_HEX_SIZE)
    }
  })

  it('makes hexagons smaller as the map zooms in', () => {
    const sizes = [8, 10, 11, 12, 14].map(hexSizeForZoom)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    expect(new Set(sizes).size).toBeGreaterThan(2)
  })
})
