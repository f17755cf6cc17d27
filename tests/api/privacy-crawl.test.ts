// The privacy crawl (DESIGN.md, "Need signals never leave the server as exact points"): seed
// need signals, call every route a visitor or a resident can reach, and assert that no returned
// coordinate lies within 50 m of a seeded signal.
//
// ROUTES below is the inventory of every route of the app: a GET route lists the requests to
// make; any other route says why it is not crawled. A route missing from the inventory fails
// the crawl, so a new route (places, resources, tiles, OGC, …) must be classified here.
//
// What counts as independent of the signals, honestly: area polygons, the basemap and other
// public geodata have vertices all over the city, and some fall within 50 m of a random signal
// by chance. So every route is called twice, before and after seeding; a coordinate already
// returned before any signal existed cannot come from a signal. Hexagon cells appear only once
// their cell holds signals, so their vertices are checked against the whole ST_HexagonGrid of
// the size asked (computed without reading need_signals): a cell vertex is a grid vertex, fixed
// by the size alone. Everything else — points, bboxes, coordinate pairs inside strings and CSV —
// must keep 50 m away from every signal.
import { VectorTile } from '@mapbox/vector-tile'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { sql } from 'kysely'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLLECTIONS } from '../../api/ogc/registry.ts'
import { hexGrid } from '../../api/signals/aggregate.repository.ts'
import { generateSignals } from '../../api/synthetic/signals.ts'
import { LAYERS } from '../../tiles/layers.ts'
import { hexSizeForZoom } from '../../tiles/sources/signals.ts'
import {
  BUFFER,
  EXTENT,
  tileAt,
  tileBounds,
  tilePointToLonLat,
  toMercator,
  type TileCoord,
} from '../../tiles/tile-math.ts'
import { testApp, type TestApp } from '../helpers/app.ts'
import { call, cookieFor, makeUser } from './auth-fixtures.ts'

type Entry = { get: string[] } | { skip: string }
const OGC_COLLECTIONS = COLLECTIONS.map((c) => c.id)
const OGC_SIGNAL_COLLECTIONS = OGC_COLLECTIONS.filter((id) => id.startsWith('need-signals'))
const WRITES = 'not a read: answers the caller’s own input or a status, never stored signals'
const HEX_SIZES = [500, 1000, 2000, 4000, 250]
/** Where the crawl plants a cluster of signals (see beforeAll). */
const CLUSTER: [number, number] = [7.6762, 45.0625]
const MVT = 'application/vnd.mapbox-vector-tile'
/** Vector tiles around the cluster, for every layer, at the zooms of every hexagon size. */
const tileAround = (layer: string, z: number, query = '') => {
  const t = tileAt(...CLUSTER, z)
  return `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query}`
}
const TILE_PATHS = [
  ...LAYERS.flatMap((l) => [8, 10, 11, 12, 13, 14].map((z) => tileAround(l.id, z))),
  ...[8, 10, 11, 12, 14].flatMap((z) => [
    tileAround('signals', z, '?theme=housing'),
    tileAround('signals', z, '?theme=food'),
  ]),
  tileAround('places', 14, '?category=scuola'),
  tileAround('resources', 14, '?theme=food'),
  '/tiles/signals/30/0/0.mvt',
  '/tiles/signals/14/1/1.mvt?point=7.6762,45.0625',
  '/tiles/nope/1/0/0.mvt',
]

const NO_MAP = '00000000-0000-4000-8000-000000000000'
const ROUTES: Record<string, Entry> = {
  'GET /api/health': { get: ['/api/health'] },
  'GET /api/config': { get: ['/api/config'] },
  'GET /api/areas': { get: ['/api/areas', '/api/areas?kind=zone'] },
  'GET /api/areas/indicators': { get: ['/api/areas/indicators'] },
  'GET /api/areas/:id': { get: ['/api/areas/zone-01', '/api/areas/district-1', '/api/areas/x'] },
  'GET /api/auth/me': { get: ['/api/auth/me'] },
  'GET /api/me/export': { get: ['/api/me/export'] },
  'GET /api/me/contributions': { get: ['/api/me/contributions'] },
  'GET /api/users': { get: ['/api/users'] },
  'GET /api/invitations': { get: ['/api/invitations'] },
  'GET /api/invitations/:token': { get: ['/api/invitations/no-such-token'] },
  'GET /api/audit': { get: ['/api/audit'] },
  'GET /api/moderation/queue': { get: ['/api/moderation/queue'] },
  'GET /api/moderation/settings': { get: ['/api/moderation/settings'] },
  'GET /api/vocabulary': { get: ['/api/vocabulary'] },
  'GET /api/search': {
    get: ['/api/search?q=casa', '/api/search?q=x', '/api/search?q=zona&limit=20'],
  },
  'GET /api/places': { get: ['/api/places', '/api/places?bbox=7.6,45.0,7.75,45.15'] },
  'GET /api/places/:id': { get: ['/api/places/00000000-0000-4000-8000-000000000000'] },
  'GET /api/places/export.geojson': { get: ['/api/places/export.geojson'] },
  'GET /api/places/export.csv': { get: ['/api/places/export.csv'] },
  'GET /api/resources': { get: ['/api/resources', '/api/resources?bbox=7.6,45.0,7.75,45.15'] },
  'GET /api/resources/:id': { get: ['/api/resources/00000000-0000-4000-8000-000000000000'] },
  'GET /api/resources/export.geojson': { get: ['/api/resources/export.geojson'] },
  'GET /api/resources/export.csv': { get: ['/api/resources/export.csv'] },
  'GET /api/resources/export.hsds.json': { get: ['/api/resources/export.hsds.json'] },
  'GET /api/comments': {
    get: [
      '/api/comments',
      '/api/comments?targetKind=place&targetId=00000000-0000-4000-8000-000000000000',
    ],
  },
  // Exact points for authors and admins only: a visitor gets 401, a resident 403 — crawled to
  // check that neither error carries a point.
  'GET /api/signals': { get: ['/api/signals', '/api/signals?limit=1000'] },
  'GET /api/signals/:id': { get: ['/api/signals/SEEDED_ID', '/api/signals/not-a-uuid'] },
  'GET /api/signals/aggregate': {
    get: [
      ...['zone', 'district', 'municipality'].flatMap((k) => [
        `/api/signals/aggregate?by=area&kind=${k}`,
        `/api/signals/aggregate?by=area&kind=${k}&theme=food`,
        `/api/signals/aggregate?by=area&kind=${k}&from=2025-W01&to=2025-W52`,
      ]),
      ...HEX_SIZES.flatMap((s) => [
        `/api/signals/aggregate?by=hex&size=${s}`,
        `/api/signals/aggregate?by=hex&size=${s}&theme=housing`,
      ]),
      '/api/signals/aggregate?by=area&kind=zone&bbox=7.6,45.0,7.7,45.1',
    ],
  },
  // OGC API – Features: every collection whole (limit=10000), and with each filter.
  'GET /ogc': { get: ['/ogc', '/ogc?f=json'] },
  'GET /ogc/conformance': { get: ['/ogc/conformance'] },
  'GET /ogc/api': { get: ['/ogc/api'] },
  'GET /ogc/collections': { get: ['/ogc/collections'] },
  'GET /ogc/collections/:collectionId': {
    get: [...OGC_COLLECTIONS.map((id) => `/ogc/collections/${id}`), '/ogc/collections/x'],
  },
  'GET /ogc/collections/:collectionId/items': {
    get: [
      ...OGC_COLLECTIONS.flatMap((id) => [
        `/ogc/collections/${id}/items?limit=10000`,
        `/ogc/collections/${id}/items?limit=10000&bbox=7.6,45.0,7.7,45.1`,
        `/ogc/collections/${id}/items?limit=10000&datetime=2025-01-01/2025-12-31`,
      ]),
      ...OGC_SIGNAL_COLLECTIONS.flatMap((id) => [
        `/ogc/collections/${id}/items?limit=10000&theme=housing`,
        `/ogc/collections/${id}/items?limit=10000&datetime=2025-W24`,
        `/ogc/collections/${id}/items?limit=10000&datetime=2025-06-10T00:00:00Z`,
        `/ogc/collections/${id}/items?limit=1&bbox=7.676,45.062,7.677,45.063`,
        // Not a filter of the aggregates: refused, not a way around suppression.
        `/ogc/collections/${id}/items?point=7.6762,45.0625`,
      ]),
    ],
  },
  'GET /ogc/collections/:collectionId/items/:featureId': {
    get: [
      '/ogc/collections/places/items/00000000-0000-4000-8000-000000000000',
      '/ogc/collections/need-signals-by-zone/items/zone-01',
      '/ogc/collections/need-signals-by-district/items/district-1',
      '/ogc/collections/need-signals-hex-500/items/500:0:0',
      '/ogc/collections/places/items/SEEDED_ID',
    ],
  },
  'GET /styles/basemap.json': { get: ['/styles/basemap.json'] },
  'GET /basemap/labels.geojson': { get: ['/basemap/labels.geojson'] },
  'GET /sprites/:file': {
    get: ['/sprites/basemap.json', '/sprites/basemap@2x.json', '/sprites/nope.json'],
  },
  // Vector tiles are decoded (mvtPositions) like any other body.
  'GET /tiles': { get: ['/tiles'] },
  'GET /tiles/:tilejson': {
    get: [
      ...LAYERS.map((l) => `/tiles/${l.id}.json`),
      '/tiles/signals.json?theme=housing',
      '/tiles/nope.json',
    ],
  },
  'GET /tiles/:layer/:z/:x/:tile': { get: TILE_PATHS },
  'GET /fonts/:fontstack/:range': {
    skip: 'glyph protobufs from fixtures/basemap/fonts: static files, no geometry',
  },
  'GET /*': { get: ['/', '/mappa/qualcosa'] },

  'POST /api/auth/login': { skip: WRITES },
  'POST /api/auth/register': { skip: WRITES },
  'POST /api/auth/logout': { skip: WRITES },
  'POST /api/auth/logout-all': { skip: WRITES },
  'DELETE /api/me': { skip: WRITES },
  'PATCH /api/users/:id': { skip: WRITES },
  'DELETE /api/users/:id': { skip: WRITES },
  'POST /api/invitations': { skip: WRITES },
  'DELETE /api/invitations/:id': { skip: WRITES },
  'POST /api/invitations/:token/accept': { skip: WRITES },
  'PUT /api/moderation/settings': { skip: WRITES },
  'POST /api/moderation/:kind/:id/approve': { skip: WRITES },
  'POST /api/moderation/:kind/:id/reject': { skip: WRITES },
  'POST /api/moderation/:kind/:id/hide': { skip: WRITES },
  'POST /api/moderation/:kind/:id/restore': { skip: WRITES },
  'POST /api/reports': { skip: WRITES },
  'POST /api/places': { skip: WRITES },
  'PATCH /api/places/:id': { skip: WRITES },
  'POST /api/places/:id/hide': { skip: WRITES },
  'DELETE /api/places/:id': { skip: WRITES },
  'POST /api/resources': { skip: WRITES },
  'POST /api/import/places': { skip: WRITES },
  'POST /api/import/resources': { skip: WRITES },
  'PATCH /api/resources/:id': { skip: WRITES },
  'POST /api/resources/:id/hide': { skip: WRITES },
  'DELETE /api/resources/:id': { skip: WRITES },
  'POST /api/comments': { skip: WRITES },
  'DELETE /api/comments/:id': { skip: WRITES },
  'POST /api/signals': { skip: 'antennas and admins only (401/403 for the crawled callers)' },
  'PATCH /api/signals/:id': { skip: 'antennas and admins only (401/403 for the crawled callers)' },
  'DELETE /api/signals/:id': { skip: 'antennas and admins only (401/403 for the crawled callers)' },

  // Unconventional maps (api/maps): drawn by groups, never from signals. A map that does not
  // exist answers 404 as JSON (the live stream and photos included).
  'GET /api/maps/templates': { get: ['/api/maps/templates'] },
  'GET /api/maps': { get: ['/api/maps', '/api/maps?limit=1000'] },
  'GET /api/maps/mine': { get: ['/api/maps/mine'] },
  'GET /api/maps/:id': { get: [`/api/maps/${NO_MAP}`] },
  'GET /api/maps/:id/features': { get: [`/api/maps/${NO_MAP}/features`] },
  'GET /api/maps/:id/features/:featureId': { get: [`/api/maps/${NO_MAP}/features/${NO_MAP}`] },
  'GET /api/maps/:id/participants': { get: [`/api/maps/${NO_MAP}/participants`] },
  'GET /api/maps/:id/events': { get: [`/api/maps/${NO_MAP}/events`] },
  'GET /api/maps/:id/export.geojson': { get: [`/api/maps/${NO_MAP}/export.geojson`] },
  'GET /api/maps/:id/photos/:photoId': { get: [`/api/maps/${NO_MAP}/photos/${NO_MAP}`] },
  'GET /api/maps/:id/photos/:photoId/thumb': {
    get: [`/api/maps/${NO_MAP}/photos/${NO_MAP}/thumb`],
  },
  'POST /api/maps': { skip: WRITES },
  'POST /api/maps/join/check': { skip: WRITES },
  'POST /api/maps/join': { skip: WRITES },
  'PATCH /api/maps/:id': { skip: WRITES },
  'DELETE /api/maps/:id': { skip: WRITES },
  'POST /api/maps/:id/code': { skip: WRITES },
  'DELETE /api/maps/:id/code': { skip: WRITES },
  'POST /api/maps/:id/link': { skip: WRITES },
  'DELETE /api/maps/:id/link': { skip: WRITES },
  'DELETE /api/maps/:id/participants/:participantId': { skip: WRITES },
  'POST /api/maps/:id/features': { skip: WRITES },
  'PATCH /api/maps/:id/features/:featureId': { skip: WRITES },
  'DELETE /api/maps/:id/features/:featureId': { skip: WRITES },
  'POST /api/maps/:id/features/:featureId/photos': { skip: WRITES },
  'DELETE /api/maps/:id/photos/:photoId': { skip: WRITES },
  'POST /api/maps/:id/import': { skip: WRITES },
}

// The territory (Turin + CIdiS) with a margin: pairs outside it are not positions of signals.
const LON = [7.2, 8.0]
const LAT = [44.8, 45.4]
const inTerritory = (lon: number, lat: number) =>
  lon >= LON[0]! && lon <= LON[1]! && lat >= LAT[0]! && lat <= LAT[1]!
const key = (lon: number, lat: number) => `${lon.toFixed(6)},${lat.toFixed(6)}`

/** Every [lon, lat] a body could carry: number pairs in arrays (GeoJSON positions, bboxes),
 * lon/lat fields, and pairs of decimals inside strings (either order). */
export function positions(body: string, contentType: string): [number, number][] {
  const out: [number, number][] = []
  const fromText = (s: string) => {
    // Every two consecutive decimals, whatever separates them (CSV cells, WKT, prose).
    const nums = [...s.matchAll(/-?\d{1,3}\.\d+/g)].map((m) => Number(m[0]))
    for (let i = 0; i + 1 < nums.length; i++) {
      const a = nums[i]!
      const b = nums[i + 1]!
      if (inTerritory(a, b)) out.push([a, b])
      if (inTerritory(b, a)) out.push([b, a])
    }
  }
  const walk = (v: unknown): void => {
    if (typeof v === 'string') return fromText(v)
    if (Array.isArray(v)) {
      if (v.every((n) => typeof n === 'number')) {
        const ns = v as number[]
        for (let i = 0; i + 1 < ns.length; i += 2) {
          const pair: [number, number] = [ns[i]!, ns[i + 1]!]
          if (inTerritory(...pair)) out.push(pair)
        }
        return
      }
      return v.forEach(walk)
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      const lon = o.lon ?? o.lng ?? o.longitude ?? o.x
      const lat = o.lat ?? o.latitude ?? o.y
      if (typeof lon === 'number' && typeof lat === 'number' && inTerritory(lon, lat))
        out.push([lon, lat])
      Object.values(o).forEach(walk)
    }
  }
  if (/json/.test(contentType)) walk(JSON.parse(body))
  else fromText(body)
  return out
}

/** The tile a tile URL names. */
function tileOf(path: string): TileCoord {
  const m = /\/tiles\/[^/]+\/(\d+)\/(\d+)\/(\d+)\.mvt/.exec(path)!
  return { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) }
}

/**
 * Every [lon, lat] a vector tile carries: each vertex of each feature of each layer, and pairs of
 * decimals in string properties. `exempt` drops vertices known to be independent of the signals.
 */
export function mvtPositions(
  bytes: Uint8Array,
  tile: TileCoord,
  exempt: (layer: string, x: number, y: number, lonLat: [number, number]) => boolean = () => false,
): [number, number][] {
  const out: [number, number][] = []
  const tileLayers = new VectorTile(new PbfReader(bytes)).layers
  for (const [name, layer] of Object.entries(tileLayers)) {
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      for (const ring of f.loadGeometry()) {
        for (const p of ring) {
          const ll = tilePointToLonLat(tile, p.x, p.y, layer.extent)
          if (!exempt(name, p.x, p.y, ll)) out.push(ll)
        }
      }
      for (const v of Object.values(f.properties)) {
        if (typeof v === 'string') out.push(...positions(JSON.stringify(v), 'application/json'))
      }
    }
  }
  return out
}

/** Metres between two lon/lat positions (haversine, mean Earth radius). */
function metres(a: [number, number], b: [number, number]) {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLon = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h))
}

let t: TestApp
let resident = ''
let seededId = ''
const callers = () =>
  [
    ['visitor', undefined],
    ['resident', resident],
  ] as const

async function crawl(): Promise<{ path: string; as: string; found: [number, number][] }[]> {
  const results = []
  for (const entry of Object.values(ROUTES)) {
    if (!('get' in entry)) continue
    for (const raw of entry.get) {
      const path = raw.replace('SEEDED_ID', seededId)
      for (const [as, cookie] of callers()) {
        const res = await call(t.app, 'GET', path, { cookie })
        const type = res.headers.get('content-type') ?? ''
        expect(res.status, `${as} GET ${path}`).toBeLessThan(500)
        if (type.startsWith(MVT)) {
          const bytes = new Uint8Array(await res.arrayBuffer())
          results.push({ path, as, found: mvtPositions(bytes, tileOf(path), gridExempt(path)) })
          continue
        }
        if (!/json|text|csv|html/.test(type) && res.status !== 204) {
          throw new Error(`GET ${path} answered ${type}: teach the crawl to read it`)
        }
        results.push({ path, as, found: positions(await res.text(), type) })
      }
    }
  }
  return results
}

let before: Set<string>
let grid: Set<string>
/** Grid vertices by hexagon size, bucketed by 0.005° for lookups near a position. */
const gridBuckets = new Map<number, Map<string, [number, number][]>>()
const bucketKey = (lon: number, lat: number) => `${Math.floor(lon * 200)},${Math.floor(lat * 200)}`

/**
 * For a tile of the signals layer: a vertex within 1.5 tile units of a vertex of the grid the
 * tile's zoom uses, or on the edge of the tile's clip box (where a cell's edge is cut), is fixed
 * by the grid and the tile alone — never by where signals are.
 */
function gridExempt(path: string) {
  const tile = tileOf(path)
  const size = tile.z <= 14 ? hexSizeForZoom(tile.z) : 0
  const unit = (40_075_016.7 / 2 ** tile.z / EXTENT) * Math.cos((45 * Math.PI) / 180) * 1.5
  const onClip = (v: number) => v <= -BUFFER + 1 || v >= EXTENT + BUFFER - 1
  return (layer: string, x: number, y: number, ll: [number, number]) => {
    if (layer !== 'signals') return false
    if (onClip(x) || onClip(y)) return true
    const buckets = gridBuckets.get(size)
    if (!buckets) return false
    const [bx, by] = [Math.floor(ll[0] * 200), Math.floor(ll[1] * 200)]
    for (let dx = -1; dx <= 1; dx++) {
      for (const g of [-1, 0, 1].flatMap((dy) => buckets.get(`${bx + dx},${by + dy}`) ?? [])) {
        if (metres(g, ll) <= unit) return true
      }
    }
    return false
  }
}
let signals: [number, number][] = []

beforeAll(async () => {
  t = await testApp()
  const db = t.database.db
  resident = await cookieFor(db, (await makeUser(db, 'resident')).id)
  grid = new Set()
  for (const size of HEX_SIZES) {
    const buckets = new Map<string, [number, number][]>()
    gridBuckets.set(size, buckets)
    for (const cell of await hexGrid(db, size)) {
      for (const [lon, lat] of (cell.geometry.coordinates as number[][][])[0]!) {
        grid.add(key(lon!, lat!))
        const k = bucketKey(lon!, lat!)
        buckets.set(k, [...(buckets.get(k) ?? []), [lon!, lat!]])
      }
    }
  }
  before = new Set((await crawl()).flatMap((r) => r.found.map((p) => key(...p))))
  await generateSignals(db, { count: 200, seed: 11, asOf: '2026-01-15' })
  // A cluster at one address, so some cells pass the threshold and are published.
  const antenna = await makeUser(db, 'antenna')
  for (let i = 0; i < 7; i++) {
    await sql`insert into need_signals (theme, severity, observed_on, author_id, geom)
      values ('housing', 3, '2025-06-10', ${antenna.id},
              ST_SetSRID(ST_MakePoint(7.6762, 45.0625), 4326))`.execute(db)
  }
  const { rows } = await sql<{ id: string; lon: number; lat: number }>`
    select id, ST_X(geom) as lon, ST_Y(geom) as lat from need_signals`.execute(db)
  signals = rows.map((r) => [r.lon, r.lat])
  seededId = rows.at(-1)!.id
}, 300_000)
afterAll(() => t?.close())

describe('privacy crawl', () => {
  it('has every route of the app in its inventory, and nothing else', () => {
    const routes = new Set(
      t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    )
    const missing = [...routes].filter((r) => !(r in ROUTES))
    const stale = Object.keys(ROUTES).filter((r) => !routes.has(r))
    expect(missing, 'routes to add to ROUTES in tests/api/privacy-crawl.test.ts').toEqual([])
    expect(stale, 'routes in ROUTES that no longer exist').toEqual([])
  })

  it('seeded the signals it guards', () => {
    expect(signals.length).toBe(207)
  })

  // Hundreds of requests, tiles and OGC pages among them: a crawl takes a while.
  it('returns no coordinate within 50 m of a signal, to a visitor or a resident', async () => {
    const leaks: string[] = []
    for (const r of await crawl()) {
      for (const p of r.found) {
        const k = key(...p)
        if (before.has(k) || grid.has(k)) continue
        for (const s of signals) {
          const d = metres(p, s)
          if (d < 50) leaks.push(`${r.as} GET ${r.path}: [${p}] is ${d.toFixed(1)} m from a signal`)
        }
      }
    }
    expect(leaks.slice(0, 20)).toEqual([])
  }, 180_000)

  it('finds a planted leak (the crawl can see a point)', () => {
    const body = JSON.stringify({ type: 'Point', coordinates: signals[0] })
    const found = positions(body, 'application/json')
    expect(found.some((p) => metres(p, signals[0]!) < 1)).toBe(true)
    const text = `Self-intersection[${signals[0]![0]} ${signals[0]![1]}]`
    expect(positions(text, 'text/plain').some((p) => metres(p, signals[0]!) < 1)).toBe(true)
    const swapped = `lat ${signals[0]![1]}, lon ${signals[0]![0]}`
    expect(positions(swapped, 'text/csv').length).toBeGreaterThan(0)
  })

  it('finds a planted leak in a vector tile (the crawl decodes MVT)', () => {
    const tile = tileAt(...signals[0]!, 14)
    // The signal's position in tile units (x east, y south), as an encoder would write it.
    const [mx0, , mx1, my1] = tileBounds(tile)
    const [mx, my] = toMercator(...signals[0]!)
    const px = Math.round(((mx - mx0) / (mx1 - mx0)) * EXTENT)
    const py = Math.round(((my1 - my) / (mx1 - mx0)) * EXTENT)
    const bytes = fromGeojsonVt(
      { places: { features: [{ type: 1, geometry: [[px, py]], tags: {} }] } } as never,
      { version: 2, extent: EXTENT },
    )
    const found = mvtPositions(bytes, tile, gridExempt(`/tiles/places/14/${tile.x}/${tile.y}.mvt`))
    expect(found.some((p) => metres(p, signals[0]!) < 1)).toBe(true)
  })

  it('publishes need signals in tiles only as hexagons with suppressed or rounded counts', async () => {
    let published = 0
    let suppressed = 0
    for (const path of TILE_PATHS.filter((p) => p.startsWith('/tiles/signals/'))) {
      for (const [, cookie] of callers()) {
        const res = await call(t.app, 'GET', path, { cookie })
        if (res.status !== 200) continue
        const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers[
          'signals'
        ]!
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i)
          expect(f.type, `${path}: a hexagon, never a point`).toBe(3)
          const { count, suppressed: hidden } = f.properties
          if (hidden === true) {
            expect(count, `${path}: a suppressed cell carries no count`).toBeUndefined()
            suppressed++
          } else {
            expect(hidden).toBe(false)
            expect(Number(count) % 5, `${path}: count ${count}`).toBe(0)
            expect(Number(count)).toBeGreaterThanOrEqual(5)
            published++
          }
        }
      }
    }
    expect(published).toBeGreaterThan(0)
    expect(suppressed).toBeGreaterThan(0)
  })

  it('publishes hexagon cells only as cells of the grid', async () => {
    for (const size of HEX_SIZES.filter((s) => s >= 500)) {
      const res = await call(t.app, 'GET', `/api/signals/aggregate?by=hex&size=${size}`)
      const body = (await res.json()) as { features: { geometry: { coordinates: number[][][] } }[] }
      expect(body.features.length).toBeGreaterThan(0)
      for (const f of body.features) {
        for (const [lon, lat] of f.geometry.coordinates[0]!)
          expect(grid.has(key(lon!, lat!))).toBe(true)
      }
    }
  })
})
