// Publishing unconventional maps: a public map's drawings are in the `maps` vector tiles and the
// OGC API collection `maps`; an unlisted or a private map's never are, wherever one looks (lists,
// tiles, OGC items, single items). The tiles' ETag follows what the public may see: it changes
// with a public map's drawings and its visibility, not with a private map's. And the embed page
// is the only one other sites may frame. On PGlite, and on the PostGIS server when DATABASE_URL
// is set.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tileAt } from '../../tiles/tile-math.ts'
import { backends } from '../helpers/db.ts'
import { call } from './auth-fixtures.ts'
import {
  body,
  createMap,
  draw,
  mapsTestApp,
  point,
  square,
  type MapJson,
  type MapsTest,
} from './maps-fixtures.ts'

/** Via Nizza, San Salvario (EPSG:4326). */
const SPOT: [number, number] = [7.6781, 45.0518]
const TILE = tileAt(...SPOT, 15)
const TILE_PATH = `/tiles/maps/${TILE.z}/${TILE.x}/${TILE.y}.mvt`

interface OgcItems {
  features: { id: string; properties: { mapId: string; symbolLabel: string; color: string } }[]
  numberMatched: number
}

describe.each(backends())('publishing maps on %s', (backend) => {
  let m: MapsTest
  const fac = () => ({ cookie: m.people.facilitator })
  const maps: Record<'public' | 'unlisted' | 'private', MapJson> = {} as never
  const drawings: Record<string, string> = {}

  async function tile(path = TILE_PATH) {
    const res = await call(m.t.app, 'GET', path)
    // 204: an empty tile.
    expect([200, 204]).toContain(res.status)
    const bytes = new Uint8Array(await res.arrayBuffer())
    const layer = new VectorTile(new PbfReader(bytes)).layers.maps
    const features = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i))
    return { etag: res.headers.get('etag'), features }
  }

  const tileMaps = async () =>
    new Set((await tile()).features.map((f) => String(f.properties.mapId)))

  beforeAll(async () => {
    m = await mapsTestApp(backend)
    for (const visibility of ['public', 'unlisted', 'private'] as const) {
      maps[visibility] = await createMap(m, { title: `Mappa ${visibility}`, visibility })
      const f = await draw(m, fac(), maps[visibility].id, {
        kind: 'polygon',
        symbol: 'casa',
        title: `Casa ${visibility}`,
        story: 'Qui ci incontriamo il giovedì.',
        geometry: square(SPOT[0] - 0.0005, SPOT[1] - 0.0005),
      })
      drawings[visibility] = f.id
    }
  })
  afterAll(() => m?.close())

  it('lists only the public map', async () => {
    const res = await call(m.t.app, 'GET', '/api/maps')
    const ids = (await body<{ features: { id: string }[] }>(res)).features.map((f) => f.id)
    expect(ids).toContain(maps.public.id)
    expect(ids).not.toContain(maps.unlisted.id)
    expect(ids).not.toContain(maps.private.id)
  })

  it('draws the public map in the maps tiles, with its symbol, and never the others', async () => {
    const { features } = await tile()
    const ours = features.filter((f) => f.properties.mapId === maps.public.id)
    expect(ours).toHaveLength(1)
    expect(ours[0]!.type).toBe(3)
    expect(ours[0]!.properties).toMatchObject({
      id: drawings.public,
      kind: 'polygon',
      symbol: 'casa',
      symbolLabel: 'dove mi sento a casa',
      color: '#1b9e77',
      title: 'Casa public',
    })
    expect(await tileMaps()).toEqual(new Set([maps.public.id]))
    // Asking for one map by id does not open a door either.
    const only = await tile(`${TILE_PATH}?map=${maps.unlisted.id}`)
    expect(only.features).toHaveLength(0)
  })

  it('serves the public drawings in OGC API, never the unlisted or private ones', async () => {
    const res = await call(m.t.app, 'GET', '/ogc/collections/maps/items?limit=1000')
    expect(res.status).toBe(200)
    const items = await body<OgcItems>(res)
    expect(items.features.map((f) => f.id)).toEqual([drawings.public])
    expect(items.features[0]!.properties).toMatchObject({
      mapId: maps.public.id,
      symbolLabel: 'dove mi sento a casa',
      color: '#1b9e77',
    })
    for (const hidden of ['unlisted', 'private']) {
      const one = await call(m.t.app, 'GET', `/ogc/collections/maps/items/${drawings[hidden]}`)
      expect(one.status).toBe(404)
      const filtered = await call(
        m.t.app,
        'GET',
        `/ogc/collections/maps/items?map=${maps[hidden as 'unlisted'].id}`,
      )
      expect((await body<OgcItems>(filtered)).numberMatched).toBe(0)
    }
    const collection = await call(m.t.app, 'GET', '/ogc/collections/maps')
    expect(collection.status).toBe(200)
  })

  it('changes the tile ETag with a public map’s drawings and visibility, not a private one’s', async () => {
    const before = (await tile()).etag
    expect(before).toBeTruthy()
    await draw(m, fac(), maps.private.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(...SPOT),
    })
    expect((await tile()).etag).toBe(before)

    const added = await draw(m, fac(), maps.public.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(...SPOT),
    })
    const afterDrawing = await tile()
    expect(afterDrawing.etag).not.toBe(before)
    expect(afterDrawing.features.map((f) => f.properties.id)).toContain(added.id)

    // The unlisted map becomes public: in the tiles at once; then private: gone again.
    const unlisted = maps.unlisted
    let res = await call(m.t.app, 'PATCH', `/api/maps/${unlisted.id}`, {
      ...fac(),
      body: { version: unlisted.version, visibility: 'public' },
    })
    expect(res.status).toBe(200)
    const madePublic = await tile()
    expect(madePublic.etag).not.toBe(afterDrawing.etag)
    expect(await tileMaps()).toEqual(new Set([maps.public.id, unlisted.id]))

    res = await call(m.t.app, 'PATCH', `/api/maps/${unlisted.id}`, {
      ...fac(),
      body: { version: (await body<MapJson>(res)).version, visibility: 'private' },
    })
    expect(res.status).toBe(200)
    const madePrivate = await tile()
    expect(madePrivate.etag).not.toBe(madePublic.etag)
    expect(await tileMaps()).toEqual(new Set([maps.public.id]))
    const ogc = await call(m.t.app, 'GET', `/ogc/collections/maps/items/${drawings.unlisted}`)
    expect(ogc.status).toBe(404)
  })

  it('lets any site frame the embed page, and no site frame the others', async () => {
    const embed = await call(m.t.app, 'GET', `/embed/maps/${maps.public.id}`)
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *')
    expect(embed.headers.get('x-frame-options')).toBeNull()
    const page = await call(m.t.app, 'GET', `/mappe/${maps.public.id}`)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    const api = await call(m.t.app, 'GET', `/api/maps/${maps.public.id}`)
    expect(api.headers.get('x-frame-options')).toBe('DENY')
  })
})
