import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const get = (path: string) => t.app.request(path)

interface Feature {
  id: string
  type: string
  bbox: number[]
  geometry: { type: string; coordinates: number[][][][] }
  properties: {
    id: string
    kind: string
    code: string
    name: string
    population: number | null
    parent: { id: string; name: string } | null
    indicators: Record<string, number>
  }
}

describe('GET /api/areas', () => {
  it.each([
    ['municipality', 7],
    ['district', 8],
    ['zone', 94],
  ])('lists the %s areas as a GeoJSON FeatureCollection', async (kind, n) => {
    const res = await get(`/api/areas?kind=${kind}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    const body = (await res.json()) as { type: string; numberMatched: number; features: Feature[] }
    expect(body.type).toBe('FeatureCollection')
    expect(body.numberMatched).toBe(n)
    expect(body.features).toHaveLength(n)
    for (const f of body.features) {
      expect(f.properties.kind).toBe(kind)
      expect(f.geometry.type).toBe('MultiPolygon')
    }
  })

  it('lists every kind when no kind is given', async () => {
    const body = (await (await get('/api/areas')).json()) as { features: Feature[] }
    expect(body.features).toHaveLength(109)
  })

  it('gives each zone its district as parent, and population from the 2023 registry', async () => {
    const body = (await (await get('/api/areas?kind=zone')).json()) as { features: Feature[] }
    const total = body.features.reduce((s, f) => s + (f.properties.population ?? 0), 0)
    expect(total).toBe(860_973)
    for (const f of body.features) expect(f.properties.parent?.id).toMatch(/^district-[1-8]$/)
  })

  it('keeps coordinates in lon/lat around Turin with at most 7 decimals', async () => {
    const body = (await (await get('/api/areas?kind=district')).json()) as { features: Feature[] }
    const [lon, lat] = body.features[0]!.geometry.coordinates[0]![0]![0]!
    expect(lon).toBeGreaterThan(7.5)
    expect(lon).toBeLessThan(7.8)
    expect(lat).toBeGreaterThan(44.9)
    expect(lat).toBeLessThan(45.2)
    for (const v of [lon, lat]) expect(String(v).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(7)
    const [minX, minY, maxX, maxY] = body.features[0]!.bbox
    expect(minX! <= lon! && lon! <= maxX! && minY! <= lat! && lat! <= maxY!).toBe(true)
  })

  it.each(['neighbourhood', 'ZONE', "zone' or 1=1--", ''])(
    'refuses an unknown kind (%j) with 400 naming the field',
    async (kind) => {
      const res = await get(`/api/areas?kind=${encodeURIComponent(kind)}`)
      expect(res.status).toBe(400)
      const body = (await res.json()) as {
        error: { code: string; message: string; details: unknown }
      }
      expect(body.error.code).toBe('invalid_input')
      expect(body.error.message).toMatch(/^kind:/)
    },
  )
})

describe('GET /api/areas/{id}', () => {
  it('returns one area with its indicators', async () => {
    const res = await get('/api/areas/district-7')
    expect(res.status).toBe(200)
    const f = (await res.json()) as Feature
    expect(f.type).toBe('Feature')
    expect(f.id).toBe('district-7')
    expect(f.properties.parent).toEqual({ id: 'municipality-001272', name: 'Torino' })
    expect(f.properties.indicators.pop_75_plus_2021).toBeGreaterThan(0)
    expect(f.properties.population).toBe(f.properties.indicators.pop_total_2021)
  })

  it('finds a CIdiS municipality by its ISTAT code', async () => {
    const f = (await (await get('/api/areas/municipality-001171')).json()) as Feature
    expect(f.properties.name).toBe('Orbassano')
    expect(f.properties.population).toBe(23_165)
  })

  it.each(['zone-999', 'nope', '%27%3B%20drop%20table%20areas--', 'città'])(
    'answers 404 for an unknown id (%s)',
    async (id) => {
      const res = await get(`/api/areas/${id}`)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({
        error: { code: 'not_found', message: 'No area with this id' },
      })
    },
  )

  it('refuses an id longer than any real one with 400', async () => {
    const res = await get(`/api/areas/${'x'.repeat(500)}`)
    expect(res.status).toBe(400)
  })
})

describe('the rest of /api', () => {
  it('answers an unknown endpoint with a JSON 404', async () => {
    const res = await get('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('refuses a body over 1 MB with 413 before reading it', async () => {
    const res = await t.app.request('/api/areas', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
      body: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })

  it('tells the web app which basemap to use', async () => {
    const body = (await (await get('/api/config')).json()) as { basemap: { style: string } }
    expect(body.basemap.style).toBe('offline')
  })
})

describe('the offline basemap', () => {
  it('labels each municipality once, at a point inside it', async () => {
    const res = await get('/basemap/labels.geojson')
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      features: Feature[] & { geometry: { type: string; coordinates: number[] } }[]
    }
    expect(body.features.map((f) => f.properties.name).sort()).toHaveLength(7)
    const turin = body.features.find((f) => f.properties.name === 'Torino')!
    expect(turin.geometry.type).toBe('Point')
    const [lon, lat] = turin.geometry.coordinates as unknown as [number, number]
    expect(lon).toBeGreaterThan(7.6)
    expect(lon).toBeLessThan(7.75)
    expect(lat).toBeGreaterThan(45.0)
    expect(lat).toBeLessThan(45.12)
  })

  it('serves a style whose every source is on this server', async () => {
    const res = await get('/styles/basemap.json')
    const style = (await res.json()) as {
      glyphs: string
      sources: Record<string, { data?: string; tiles?: string[] }>
    }
    expect(style.glyphs).toMatch(/^http:\/\/localhost\/fonts\//)
    for (const src of Object.values(style.sources))
      expect(src.data ?? src.tiles?.[0]).toMatch(/^http:\/\/localhost\//)
  })

  it('serves glyphs of its fonts, and an empty range rather than an error', async () => {
    const latin = await get('/fonts/Noto%20Sans%20Regular/0-255.pbf')
    expect(latin.status).toBe(200)
    expect((await latin.arrayBuffer()).byteLength).toBeGreaterThan(10_000)
    const stack = await get('/fonts/Unknown%20Font,Noto%20Sans%20Bold/0-255.pbf')
    expect(stack.status).toBe(200)
    const uncovered = await get('/fonts/Noto%20Sans%20Regular/65280-65535.pbf')
    expect(uncovered.status).toBe(200)
    expect((await uncovered.arrayBuffer()).byteLength).toBe(0)
    expect((await get('/fonts/..%2F..%2Fetc/0-255.pbf')).status).toBe(404)
    // `..` is resolved by the URL parser: this is /package.json, which only the web app answers.
    const escaped = await get('/fonts/Noto%20Sans%20Regular/../../package.json')
    expect(await escaped.text()).not.toContain('"name": "intrecci"')
  })

  it('compresses GeoJSON for clients that accept gzip', async () => {
    const res = await t.app.request('/api/areas?kind=zone', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })
})
