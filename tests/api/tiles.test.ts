// Vector tiles (tiles/): the catalog and TileJSON, what each layer carries, who is in it, the
// filters, need signals exactly as the aggregate API publishes them, HTTP caching and errors.
// Runs on the default backend (PGlite, or the server when DATABASE_URL is set).
import { gunzipSync } from 'node:zlib'
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile'
import { sql } from 'kysely'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDICATORS } from '../../api/areas/indicators.ts'
import { LAYERS, MAX_TILE_BYTES } from '../../tiles/layers.ts'
import {
  tileAt,
  tileLonLatBounds,
  tilePointToLonLat,
  type TileCoord,
} from '../../tiles/tile-math.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
const db = () => t.database.db

/** Piazza Castello, in zone 01 and district 1; and a spot in another zone. */
const CENTRE: [number, number] = [7.6856, 45.0712]
const ELSEWHERE: [number, number] = [7.6395, 45.0405]
const MVT = 'application/vnd.mapbox-vector-tile'

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers })
const tilePath = (layer: string, tile: TileCoord, query = '') =>
  `/tiles/${layer}/${tile.z}/${tile.x}/${tile.y}.mvt${query}`

async function decode(res: Response): Promise<Record<string, VectorTileLayer>> {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe(MVT)
  let bytes = new Uint8Array(await res.arrayBuffer())
  if (res.headers.get('content-encoding') === 'gzip') bytes = gunzipSync(bytes)
  return new VectorTile(new PbfReader(bytes)).layers
}

function features(layer: VectorTileLayer | undefined) {
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i))
}

/** The features of one layer's tile holding `at` (none when the tile is empty: 204). */
async function layerAt(layer: string, at: [number, number], z: number, query = '') {
  const tile = tileAt(...at, z)
  const res = await get(tilePath(layer, tile, query))
  if (res.status === 204) return { tile, features: [] }
  return { tile, features: features((await decode(res))[layer]) }
}

async function insertPlace(
  name: string,
  at: [number, number],
  status: string,
  category = 'scuola',
) {
  const { rows } = await sql<{ id: string; seq: string }>`
    insert into places (category, name, geom, status)
    values (${category}, ${name}, ST_SetSRID(ST_MakePoint(${at[0]}::float8, ${at[1]}::float8), 4326),
            ${status})
    returning id, seq`.execute(db())
  return rows[0]!
}

async function addSignal(at: [number, number], theme: string) {
  await sql`insert into need_signals (theme, severity, observed_on, geom)
    values (${theme}, 1, '2026-03-02', ST_SetSRID(ST_MakePoint(${at[0]}::float8, ${at[1]}::float8), 4326))`.execute(
    db(),
  )
}

let published: { id: string; seq: string }
let pending: { id: string }
let hidden: { id: string }

beforeAll(async () => {
  t = await testApp()
  published = await insertPlace('Casa del quartiere di prova', CENTRE, 'published')
  pending = await insertPlace('In attesa', [CENTRE[0] + 0.002, CENTRE[1]], 'pending')
  hidden = await insertPlace('Nascosto', [CENTRE[0] - 0.002, CENTRE[1]], 'hidden')
  await insertPlace(
    'Biblioteca di prova',
    [CENTRE[0], CENTRE[1] + 0.002],
    'published',
    'biblioteca',
  )
  await sql`insert into resources (name, themes, geom, status) values
    ('Banco alimentare', array['food','health'], ST_SetSRID(ST_MakePoint(7.686, 45.072), 4326), 'published'),
    ('Sportello nascosto', array['housing'], ST_SetSRID(ST_MakePoint(7.685, 45.071), 4326), 'hidden'),
    ('Sportello casa', array['housing'], ST_SetSRID(ST_MakePoint(7.6855, 45.0705), 4326), 'published')`.execute(
    db(),
  )
  // 7 food signals at the centre (a published cell: 5), 3 housing ones elsewhere (suppressed).
  for (let i = 0; i < 7; i++) await addSignal(CENTRE, 'food')
  for (let i = 0; i < 3; i++) await addSignal(ELSEWHERE, 'housing')
})
afterAll(() => t?.close())

describe('GET /tiles and TileJSON', () => {
  it('lists every layer of the registry with its TileJSON and filters', async () => {
    const res = await get('/tiles')
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      layers: { id: string; tilejson: string; filters: string[] }[]
    }
    expect(body.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id))
    expect(body.layers.map((l) => l.id)).toEqual(
      expect.arrayContaining(['areas-municipality', 'areas-district', 'areas-zone', 'places']),
    )
    expect(body.layers.find((l) => l.id === 'places')!.filters).toEqual(['category'])
    expect(body.layers[0]!.tilejson).toBe('http://localhost/tiles/areas-municipality.json')
  })

  it('answers TileJSON 3.0.0 with the fields of every indicator for the areas', async () => {
    const res = await get('/tiles/areas-zone.json')
    expect(res.status).toBe(200)
    const tj = (await res.json()) as {
      tilejson: string
      tiles: string[]
      vector_layers: { id: string; fields: Record<string, string> }[]
      bounds: number[]
      minzoom: number
      maxzoom: number
      attribution: string
    }
    expect(tj.tilejson).toBe('3.0.0')
    expect(tj.tiles).toEqual(['http://localhost/tiles/areas-zone/{z}/{x}/{y}.mvt'])
    expect(tj.vector_layers[0]!.id).toBe('areas-zone')
    for (const i of INDICATORS) expect(tj.vector_layers[0]!.fields[i.key]).toBe('Number')
    expect(tj.vector_layers[0]!.fields.name).toBe('String')
    const [w, s, e, n] = tj.bounds as [number, number, number, number]
    expect(w).toBeLessThan(CENTRE[0])
    expect(e).toBeGreaterThan(CENTRE[0])
    expect(s).toBeLessThan(CENTRE[1])
    expect(n).toBeGreaterThan(CENTRE[1])
    expect(tj.minzoom).toBeLessThanOrEqual(tj.maxzoom)
    expect(tj.attribution).toContain('ISTAT')
  })

  it('carries the filters asked for into the tile URL, and refuses bad ones', async () => {
    const tj = (await (await get('/tiles/places.json?category=scuola,biblioteca')).json()) as {
      tiles: string[]
    }
    expect(tj.tiles[0]).toBe(
      'http://localhost/tiles/places/{z}/{x}/{y}.mvt?category=scuola%2Cbiblioteca',
    )
    const bad = await get('/tiles/places.json?category=casino')
    expect(bad.status).toBe(400)
    expect(
      ((await bad.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field,
    ).toBe('category')
    expect((await get('/tiles/nothing.json')).status).toBe(404)
  })
})

describe('what the layers carry', () => {
  it('names the layer inside each tile after the layer id', async () => {
    const tile = tileAt(...CENTRE, 12)
    for (const id of ['areas-municipality', 'areas-district', 'areas-zone', 'green']) {
      const layers = await decode(await get(tilePath(id, tile)))
      expect(Object.keys(layers)).toEqual([id])
    }
  })

  it('gives each zone its id, name, kind and every figure as a number, as /api/areas does', async () => {
    const { features: zones } = await layerAt('areas-zone', CENTRE, 13)
    const api = (await (await get('/api/areas?kind=zone')).json()) as {
      features: { id: string; properties: { name: string; indicators: Record<string, number> } }[]
    }
    expect(zones.length).toBeGreaterThan(3)
    for (const f of zones) {
      const ref = api.features.find((a) => a.id === f.properties.id)!
      expect(f.properties.name).toBe(ref.properties.name)
      expect(f.properties.kind).toBe('zone')
      for (const [k, v] of Object.entries(ref.properties.indicators))
        expect(f.properties[k], `${ref.id} ${k}`).toBeCloseTo(v, 6)
      expect(f.type).toBe(3)
    }
  })

  it('shows published places only, with id, name, category and their number as MVT id', async () => {
    const { features: places } = await layerAt('places', CENTRE, 16)
    const ids = places.map((f) => f.properties.id)
    expect(ids).toContain(published.id)
    expect(ids).not.toContain(pending.id)
    expect(ids).not.toContain(hidden.id)
    const f = places.find((p) => p.properties.id === published.id)!
    expect(f.properties).toEqual({
      id: published.id,
      name: 'Casa del quartiere di prova',
      category: 'scuola',
    })
    expect(f.id).toBe(Number(published.seq))
    // Where it is: within a tile unit (at z16, under a metre).
    const p = f.loadGeometry()[0]![0]!
    const [lon, lat] = tilePointToLonLat(tileAt(...CENTRE, 16), p.x, p.y)
    expect(lon).toBeCloseTo(CENTRE[0], 4)
    expect(lat).toBeCloseTo(CENTRE[1], 4)
  })

  it('filters places by category', async () => {
    const { features: places } = await layerAt('places', CENTRE, 16, '?category=biblioteca')
    expect(places.map((f) => f.properties.name)).toEqual(['Biblioteca di prova'])
  })

  it('shows published resources with their themes, and filters by theme', async () => {
    const all = await layerAt('resources', CENTRE, 16)
    expect(all.features.map((f) => f.properties.name).sort()).toEqual([
      'Banco alimentare',
      'Sportello casa',
    ])
    const food = all.features.find((f) => f.properties.name === 'Banco alimentare')!
    expect(food.properties).toMatchObject({ theme: 'food', themes: 'food,health' })
    const housing = await layerAt('resources', CENTRE, 16, '?theme=housing')
    expect(housing.features.map((f) => f.properties.name)).toEqual(['Sportello casa'])
  })

  it('draws parks with their names for the offline basemap', async () => {
    const { features: parks } = await layerAt('green', [7.686, 45.052], 14)
    expect(parks.length).toBeGreaterThan(0)
    expect(parks.every((f) => f.type === 3)).toBe(true)
    expect(parks.map((f) => f.properties.name)).toContain('Parco del Valentino')
  })
})

describe('need signals in tiles', () => {
  interface HexBody {
    features: { id: string; properties: { count: number | null; suppressed: boolean } }[]
  }

  async function compareWithApi(z: number, size: number, query = '') {
    const api = (await (
      await get(`/api/signals/aggregate?by=hex&size=${size}${query ? '&' + query : ''}`)
    ).json()) as HexBody
    const tileCells = [
      ...(await layerAt('signals', CENTRE, z, query ? `?${query}` : '')).features,
      ...(await layerAt('signals', ELSEWHERE, z, query ? `?${query}` : '')).features,
    ]
    const byId = new Map(tileCells.map((f) => [f.properties.id, f.properties]))
    expect(api.features.length).toBeGreaterThan(0)
    for (const cell of api.features) {
      const inTile = byId.get(cell.id)
      expect(inTile, `cell ${cell.id}`).toBeDefined()
      expect(inTile!.suppressed).toBe(cell.properties.suppressed)
      expect(inTile!.count).toBe(cell.properties.count ?? undefined)
    }
    for (const id of byId.keys()) expect(api.features.map((c) => c.id)).toContain(id)
  }

  it('publishes the cells and counts of the aggregate API, suppressed the same way', async () => {
    await compareWithApi(14, 500)
    await compareWithApi(11, 1000)
  })

  it('filters by theme exactly as the aggregate API does', async () => {
    await compareWithApi(14, 500, 'theme=housing')
    await compareWithApi(10, 2000, 'theme=food')
  })

  it('rounds 7 signals down to 5 and hides 3', async () => {
    const centre = await layerAt('signals', CENTRE, 14)
    expect(centre.features.map((f) => f.properties.count)).toContain(5)
    const elsewhere = await layerAt('signals', ELSEWHERE, 14, '?theme=housing')
    const cell = elsewhere.features.find((f) => f.properties.suppressed === true)!
    expect(cell.properties.count).toBeUndefined()
    expect(cell.type).toBe(3)
  })

  it('refuses filters that could narrow a cell down (unknown parameters)', async () => {
    const res = await get(tilePath('signals', tileAt(...CENTRE, 14), '?bbox=7.68,45.07,7.69,45.08'))
    expect(res.status).toBe(400)
  })
})

describe('points stay usable at every zoom', () => {
  const DENSE = 20_000

  beforeAll(async () => {
    // A dense grid of published places around the centre, with long names (big tiles).
    await sql`insert into places (category, name, geom, status)
      select 'altro', rpad('Luogo denso ' || i, 190, '.'),
             ST_SetSRID(ST_MakePoint(7.64 + (i % 200) * 0.0004, 45.04 + (i / 200) * 0.0004), 4326),
             'published'
      from generate_series(0, ${DENSE - 1}) as i`.execute(db())
  })

  it('clusters them at low zoom, with counts that add up to every point in the tile', async () => {
    const { features: z10 } = await layerAt('places', CENTRE, 10)
    const clusters = z10.filter((f) => f.properties.cluster === true)
    expect(clusters.length).toBeGreaterThan(0)
    expect(clusters.every((f) => Number(f.properties.count) > 1 && f.id === undefined)).toBe(true)
    const total = z10.reduce(
      (n, f) => n + (f.properties.cluster ? Number(f.properties.count) : 1),
      0,
    )
    // The dense grid, and the two published places of the suite, all fall in this tile.
    expect(total).toBe(DENSE + 2)
  })

  it('coarsens the clusters of a tile that would pass 500 KB, and loses no point', async () => {
    // 6,400 points 1.5 m apart inside one z16 tile: one per pixel would make a 1.5 MB tile.
    const tile = tileAt(7.75, 45.1, 16)
    const [w, s] = tileLonLatBounds(tile)
    await sql`insert into places (category, name, geom, status)
      select 'altro', rpad('Blocco fitto ' || i, 190, '.'),
             ST_SetSRID(ST_MakePoint(${w + 0.001}::float8 + (i % 80) * 0.00002,
                                     ${s + 0.0005}::float8 + (i / 80) * 0.00002), 4326),
             'published'
      from generate_series(0, 6399) as i`.execute(db())
    const res = await get(tilePath('places', tile))
    const bytes = new Uint8Array(await res.clone().arrayBuffer())
    expect(bytes.byteLength).toBeLessThanOrEqual(MAX_TILE_BYTES)
    const points = features((await decode(res)).places)
    expect(points.some((f) => f.properties.cluster === true)).toBe(true)
    const total = points.reduce(
      (n, f) => n + (f.properties.cluster ? Number(f.properties.count) : 1),
      0,
    )
    expect(total).toBe(6400)
  })

  it('keeps every tile from z8 to z16 under 500 KB', async () => {
    for (let z = 8; z <= 16; z++) {
      const tile = tileAt(7.68, 45.06, z)
      const res = await get(tilePath('places', tile))
      const bytes = (await res.arrayBuffer()).byteLength
      expect(bytes, `z${z}`).toBeLessThanOrEqual(MAX_TILE_BYTES)
      expect(res.status, `z${z}`).toBe(200)
    }
  })
})

describe('HTTP', () => {
  const tile = tileAt(...CENTRE, 14)

  it('sends MVT, gzipped when the client accepts it, with a strong ETag and Cache-Control', async () => {
    const plain = await get(tilePath('areas-zone', tile))
    expect(plain.headers.get('content-type')).toBe(MVT)
    expect(plain.headers.get('content-encoding')).toBeNull()
    const etag = plain.headers.get('etag')!
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(plain.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    expect(plain.headers.get('vary')).toContain('Accept-Encoding')
    const gz = await get(tilePath('areas-zone', tile), { 'accept-encoding': 'gzip, deflate' })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gz.headers.get('etag')).not.toBe(etag)
    const a = new Uint8Array(await plain.arrayBuffer())
    const b = gunzipSync(new Uint8Array(await gz.arrayBuffer()))
    expect(Buffer.compare(Buffer.from(a), b)).toBe(0)
  })

  it('answers 304 to If-None-Match, whichever encoding the tag came from', async () => {
    const first = await get(tilePath('areas-zone', tile), { 'accept-encoding': 'gzip' })
    const etag = first.headers.get('etag')!
    const again = await get(tilePath('areas-zone', tile), { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const other = await get(tilePath('areas-zone', tile), { 'if-none-match': '"something-else"' })
    expect(other.status).toBe(200)
  })

  it('changes a layer’s ETag when its content changes, and only that layer’s', async () => {
    const z16 = tileAt(...CENTRE, 16)
    const before = (await get(tilePath('places', z16))).headers.get('etag')
    const areasBefore = (await get(tilePath('areas-zone', tile))).headers.get('etag')
    const added = await insertPlace('Appena aggiunto', [CENTRE[0] + 0.001, CENTRE[1]], 'published')
    const after = await get(tilePath('places', z16), { 'if-none-match': before! })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
    expect(features((await decode(after)).places).map((f) => f.properties.id)).toContain(added.id)
    expect((await get(tilePath('areas-zone', tile))).headers.get('etag')).toBe(areasBefore)
  })

  it('keeps the ETag when a write is rolled back', async () => {
    const before = (await get(tilePath('places', tile))).headers.get('etag')
    await db()
      .transaction()
      .execute(async (tx) => {
        await sql`update places set name = name || '!'`.execute(tx)
        throw new Error('rollback')
      })
      .catch(() => {})
    expect((await get(tilePath('places', tile))).headers.get('etag')).toBe(before)
  })

  it('hashes the signal tile for its ETag, so it does not move with every signal written', async () => {
    const path = tilePath('signals', tileAt(...CENTRE, 12))
    const before = (await get(path)).headers.get('etag')
    // An eighth signal in the same cell: still published as 5.
    await addSignal(CENTRE, 'food')
    const after = await get(path, { 'if-none-match': before! })
    expect(after.status).toBe(304)
  })

  it('answers an empty tile with 204', async () => {
    const sea = tileAt(5.0, 43.0, 14)
    const res = await get(tilePath('places', sea))
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
  })

  it.each([
    ['/tiles/places/17/0/0.mvt', 'z'],
    ['/tiles/places/x/0/0.mvt', 'z'],
    ['/tiles/places/3/8/0.mvt', 'x'],
    ['/tiles/places/3/0/8.mvt', 'y'],
    ['/tiles/places/3/0/1.png', 'y'],
    ['/tiles/places/3/-1/1.mvt', 'x'],
    ['/tiles/places/3/0/1.mvt?category=nope', 'category'],
    ['/tiles/places/3/0/1.mvt?colour=red', 'query'],
    ['/tiles/signals/12/2150/1470.mvt?theme=x', 'theme'],
  ])('refuses %s with 400 naming %s', async (path, field) => {
    const res = await get(path)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: { field: string }[] } }
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.details[0]!.field).toBe(field)
  })

  it('answers an unknown layer with 404', async () => {
    const res = await get('/tiles/secret-signals/3/0/0.mvt')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('answers 204 below a layer’s first zoom', async () => {
    expect((await get('/tiles/signals/2/1/1.mvt')).status).toBe(204)
  })

  it('lets any site read the tiles (public, no cookies)', async () => {
    const res = await get(tilePath('areas-zone', tile), { cookie: 'intrecci_session=whatever' })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})

describe('the offline basemap', () => {
  interface Style {
    sprite: string
    sources: Record<string, { type: string; tiles?: string[]; data?: string }>
    layers: {
      id: string
      source?: string
      'source-layer'?: string
      layout?: Record<string, unknown>
    }[]
  }

  it('draws the territory from this server’s vector tiles, not from whole GeoJSON files', async () => {
    const style = (await (await get('/styles/basemap.json')).json()) as Style
    const vector = Object.entries(style.sources).filter(([, s]) => s.type === 'vector')
    expect(vector.map(([, s]) => s.tiles![0])).toEqual(
      expect.arrayContaining([
        'http://localhost/tiles/areas-municipality/{z}/{x}/{y}.mvt',
        'http://localhost/tiles/areas-district/{z}/{x}/{y}.mvt',
        'http://localhost/tiles/green/{z}/{x}/{y}.mvt',
      ]),
    )
    for (const layer of style.layers.filter(
      (l) => l.source && style.sources[l.source]!.type === 'vector',
    )) {
      expect(layer['source-layer'], layer.id).toBe(
        /\/tiles\/([^/]+)\//.exec(style.sources[layer.source!]!.tiles![0]!)![1],
      )
    }
    for (const src of Object.values(style.sources))
      expect(src.data ?? '').not.toMatch(/green\.geojson|\/api\/areas/)
  })

  it('serves sprite sheets at 1× and 2× holding every icon the style uses', async () => {
    const style = (await (await get('/styles/basemap.json')).json()) as Style
    expect(style.sprite).toBe('http://localhost/sprites/basemap')
    const icons = style.layers.flatMap((l) =>
      typeof l.layout?.['icon-image'] === 'string' ? [l.layout['icon-image']] : [],
    )
    expect(icons.length).toBeGreaterThan(0)
    for (const suffix of ['', '@2x']) {
      const index = (await (await get(`/sprites/basemap${suffix}.json`)).json()) as Record<
        string,
        { width: number; height: number; pixelRatio: number }
      >
      for (const icon of icons) expect(index[icon], `${icon}${suffix}`).toBeDefined()
      expect(Object.values(index)[0]!.pixelRatio).toBe(suffix ? 2 : 1)
      const png = await get(`/sprites/basemap${suffix}.png`)
      expect(png.headers.get('content-type')).toBe('image/png')
      const head = new Uint8Array(await png.arrayBuffer()).slice(0, 8)
      expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    }
    expect((await get('/sprites/secrets.json')).status).toBe(404)
  })
})
