// Tile arithmetic for the XYZ scheme of Web Mercator (EPSG:3857), as used by MVT 2.1
// (https://github.com/mapbox/vector-tile-spec/tree/master/2.1) and TileJSON 3.0.0: tile (0, 0)
// is the north-west corner, y grows southwards. Pure functions, shared by the routes, the tests
// and the bench.

/** Half the width of the EPSG:3857 world, in metres. */
export const WORLD_HALF = 20037508.342789244
/** Units across a tile (MVT's default, and ST_AsMVT's). */
export const EXTENT = 4096
/** Tile units kept beyond each edge, so lines and fills join without seams. */
export const BUFFER = 64
/** The deepest zoom any layer serves: beyond, clients overzoom. */
export const MAX_ZOOM = 22

export interface TileCoord {
  z: number
  x: number
  y: number
}

/** [xmin, ymin, xmax, ymax] in EPSG:3857 metres: what ST_TileEnvelope(z, x, y) returns. */
export function tileBounds({ z, x, y }: TileCoord): [number, number, number, number] {
  const size = (2 * WORLD_HALF) / 2 ** z
  return [
    -WORLD_HALF + x * size,
    WORLD_HALF - (y + 1) * size,
    -WORLD_HALF + (x + 1) * size,
    WORLD_HALF - y * size,
  ]
}

/** EPSG:3857 metres → [lon, lat] EPSG:4326 degrees. */
export function toLonLat(mx: number, my: number): [number, number] {
  const lon = (mx / WORLD_HALF) * 180
  const lat = (Math.atan(Math.exp((my / WORLD_HALF) * Math.PI)) * 360) / Math.PI - 90
  return [lon, lat]
}

/** [lon, lat] EPSG:4326 → EPSG:3857 metres. */
export function toMercator(lon: number, lat: number): [number, number] {
  const mx = (lon * WORLD_HALF) / 180
  const my = (Math.log(Math.tan(((90 + lat) * Math.PI) / 360)) * WORLD_HALF) / Math.PI
  return [mx, my]
}

/** [west, south, east, north] in degrees: the tile's extent, for `&&` filters on 4326 columns. */
export function tileLonLatBounds(t: TileCoord): [number, number, number, number] {
  const [x0, y0, x1, y1] = tileBounds(t)
  return [...toLonLat(x0, y0), ...toLonLat(x1, y1)]
}

/** A position in tile units (0…EXTENT, y down) → [lon, lat]. */
export function tilePointToLonLat(t: TileCoord, px: number, py: number, extent = EXTENT) {
  const [x0, , x1, y1] = tileBounds(t)
  const size = x1 - x0
  return toLonLat(x0 + (px / extent) * size, y1 - (py / extent) * size)
}

/** The tile at zoom z that holds a position. */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const [mx, my] = toMercator(lon, lat)
  const n = 2 ** z
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)))
  return {
    z,
    x: clamp(((mx + WORLD_HALF) / (2 * WORLD_HALF)) * n),
    y: clamp(((WORLD_HALF - my) / (2 * WORLD_HALF)) * n),
  }
}

/** Every tile of zoom z that meets a [west, south, east, north] box. */
export function tilesCovering(bbox: readonly number[], z: number): TileCoord[] {
  const nw = tileAt(bbox[0]!, bbox[3]!, z)
  const se = tileAt(bbox[2]!, bbox[1]!, z)
  const out: TileCoord[] = []
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ z, x, y })
  return out
}

/** Whether x and y name a tile of zoom z. */
export function inRange({ z, x, y }: TileCoord): boolean {
  const n = 2 ** z
  return x >= 0 && y >= 0 && x < n && y < n
}
