// OGC API – Features Part 1 (api/ogc): the landing page, conformance, the OpenAPI document and
// the collection documents — what a client reads before it asks for any feature.
import SwaggerParser from '@apidevtools/swagger-parser'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.ts'
import { parseConfig } from '../../api/config.ts'
import { testApp, type TestApp } from '../helpers/app.ts'
import { bindings } from './auth-fixtures.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

interface Link {
  href: string
  rel: string
  type: string
  title: string
}
interface CollectionDoc {
  id: string
  title: string
  itemType: string
  crs: string[]
  extent: {
    spatial: { bbox: number[][]; crs: string }
    temporal?: { interval: (string | null)[][]; trs: string }
  }
  links: Link[]
}

const ORIGIN = 'http://localhost'
const get = (path: string) => t.app.request(`${ORIGIN}${path}`)
const body = async <T>(path: string, status = 200) => {
  const res = await get(path)
  expect(res.status, path).toBe(status)
  return { res, body: (await res.json()) as T }
}

const COLLECTION_IDS = [
  'places',
  'resources',
  'maps',
  'municipalities',
  'districts',
  'zones',
  'need-signals-by-municipality',
  'need-signals-by-district',
  'need-signals-by-zone',
  'need-signals-hex-500',
  'need-signals-hex-1000',
  'need-signals-hex-2000',
  'need-signals-hex-4000',
]

describe('GET /ogc (landing page)', () => {
  it('links the API definition, conformance and collections with absolute hrefs', async () => {
    const { res, body: page } = await body<{ title: string; links: Link[] }>('/ogc')
    expect(res.headers.get('content-type')).toBe('application/json')
    const byRel = Object.fromEntries(page.links.map((l) => [l.rel, l]))
    expect(byRel.self).toMatchObject({ href: `${ORIGIN}/ogc`, type: 'application/json' })
    expect(byRel['service-desc']).toMatchObject({
      href: `${ORIGIN}/ogc/api`,
      type: 'application/vnd.oai.openapi+json;version=3.0',
    })
    expect(byRel.conformance?.href).toBe(`${ORIGIN}/ogc/conformance`)
    expect(byRel.data?.href).toBe(`${ORIGIN}/ogc/collections`)
    for (const l of page.links) expect(l.title.length).toBeGreaterThan(0)
  })

  it('serves the same with f=json, and refuses other formats and unknown parameters', async () => {
    const plain = await (await get('/ogc')).json()
    expect((await body('/ogc?f=json')).body).toEqual(plain)
    const html = await body<{ error: { details: { field: string }[] } }>('/ogc?f=html', 400)
    expect(html.body.error.details[0]!.field).toBe('f')
    const unknown = await body<{ error: { details: { field: string }[] } }>('/ogc?lang=it', 400)
    expect(unknown.body.error.details[0]!.field).toBe('lang')
  })

  it('builds links from the address a trusted proxy was asked for, and only then', async () => {
    const config = parseConfig({ BASEMAP_STYLE_URL: 'offline', TRUSTED_PROXY: '10.0.0.1' })
    const app = createApp({ db: t.database.db, dbKind: t.database.kind, config })
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mappe.example.org' }
    const self = async (peer: string) => {
      const res = await app.request(
        '/ogc/collections/zones/items?limit=2',
        { headers },
        bindings(peer),
      )
      const page = (await res.json()) as { links: Link[] }
      return page.links.map((l) => `${l.rel} ${l.href}`)
    }
    expect(await self('10.0.0.1')).toEqual(
      expect.arrayContaining([
        'self https://mappe.example.org/ogc/collections/zones/items?limit=2',
        expect.stringMatching(
          /^next https:\/\/mappe\.example\.org\/ogc\/collections\/zones\/items\?limit=2&cursor=/,
        ),
      ]),
    )
    expect(await self('192.0.2.7')).toContain(
      'self http://localhost/ogc/collections/zones/items?limit=2',
    )
  })

  it('answers 404 as JSON under /ogc for a path that is not part of the API', async () => {
    const res = await get('/ogc/tiles')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  })
})

describe('GET /ogc/conformance', () => {
  it('declares core, GeoJSON and OpenAPI 3.0, and no HTML (none is served)', async () => {
    const { body: doc } = await body<{ conformsTo: string[] }>('/ogc/conformance')
    const base = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf'
    expect(doc.conformsTo.sort()).toEqual([`${base}/core`, `${base}/geojson`, `${base}/oas30`])
  })
})

describe('GET /ogc/api', () => {
  it('is a valid OpenAPI 3.0 document with its own media type', async () => {
    const res = await get('/ogc/api')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0')
    const doc = JSON.parse(await res.text()) as { openapi: string }
    expect(doc.openapi).toMatch(/^3\.0\./)
    // Schema and semantic validation (unique operation ids, declared path parameters, refs).
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it('describes every served path, with the server root and the real limit bounds', async () => {
    const { body: doc } = await body<{
      servers: { url: string }[]
      paths: Record<string, { get: { parameters: ({ $ref: string } | { name: string })[] } }>
      components: {
        parameters: Record<string, { schema: { minimum?: number; maximum?: number } }>
      }
    }>('/ogc/api')
    expect(doc.servers[0]!.url).toBe(`${ORIGIN}/ogc`)
    const paths = Object.keys(doc.paths)
    for (const p of ['/', '/conformance', '/api', '/collections', '/collections/{collectionId}'])
      expect(paths).toContain(p)
    for (const id of COLLECTION_IDS) {
      expect(paths).toContain(`/collections/${id}/items`)
      expect(paths).toContain(`/collections/${id}/items/{featureId}`)
    }
    expect(doc.components.parameters.limit!.schema).toMatchObject({ minimum: 1, maximum: 10000 })
    const names = (id: string) =>
      doc.paths[`/collections/${id}/items`]!.get.parameters.map((p) =>
        '$ref' in p ? p.$ref.split('/').pop() : p.name,
      )
    expect(names('places')).toEqual(
      expect.arrayContaining(['limit', 'bbox', 'datetime', 'cursor', 'f', 'category']),
    )
    expect(names('resources')).toContain('theme')
    expect(names('need-signals-hex-500')).toEqual(
      expect.arrayContaining(['datetimeWeeks', 'theme']),
    )
    expect(names('zones')).toEqual(expect.arrayContaining(['code', 'parent']))
  })

  it('lists as parameters exactly what the items route accepts', async () => {
    const { body: doc } = await body<{
      paths: Record<string, { get: { parameters: ({ $ref: string } | { name: string })[] } }>
      components: { parameters: Record<string, { name: string }> }
    }>('/ogc/api')
    for (const id of COLLECTION_IDS) {
      const params = doc.paths[`/collections/${id}/items`]!.get.parameters.map((p) =>
        '$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]!.name : p.name,
      )
      // Every listed parameter is accepted (a valid-looking value never gets "unknown")…
      for (const name of params) {
        const res = await get(`/ogc/collections/${id}/items?${name}=zzz`)
        const err =
          res.status === 400 ? ((await res.json()) as { error: { message: string } }) : null
        expect(err?.error.message ?? '', `${id} ${name}`).not.toMatch(/unknown parameter/)
      }
      // …and one that is not listed is refused.
      expect((await get(`/ogc/collections/${id}/items?sortby=name`)).status).toBe(400)
    }
  })
})

describe('GET /ogc/collections', () => {
  it('lists every public collection with items links, CRS84 extents and titles', async () => {
    const { res, body: doc } = await body<{ links: Link[]; collections: CollectionDoc[] }>(
      '/ogc/collections',
    )
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(doc.links.find((l) => l.rel === 'self')?.href).toBe(`${ORIGIN}/ogc/collections`)
    expect(doc.collections.map((c) => c.id)).toEqual(COLLECTION_IDS)
    for (const c of doc.collections) {
      expect(c.itemType).toBe('feature')
      expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84'])
      expect(c.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
      const [w, s, e, n] = c.extent.spatial.bbox[0]!
      // Around Turin, lon/lat order (CRS84), min before max.
      expect(w!).toBeGreaterThan(7)
      expect(e!).toBeLessThan(8.1)
      expect(s!).toBeGreaterThan(44.7)
      expect(n!).toBeLessThan(45.4)
      expect(w!).toBeLessThan(e!)
      expect(s!).toBeLessThan(n!)
      const items = c.links.find((l) => l.rel === 'items')!
      expect(items).toMatchObject({
        href: `${ORIGIN}/ogc/collections/${c.id}/items`,
        type: 'application/geo+json',
      })
      expect(items.title.length).toBeGreaterThan(0)
    }
  })

  it('is the same document as each collection alone', async () => {
    const { body: all } = await body<{ collections: CollectionDoc[] }>('/ogc/collections')
    for (const c of all.collections) {
      const { res, body: one } = await body<CollectionDoc>(`/ogc/collections/${c.id}`)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(one).toEqual(c)
    }
  })

  it('follows what is published: a place published, then withdrawn, moves the extent at once', async () => {
    const extent = async () =>
      (await body<CollectionDoc>('/ogc/collections/places')).body.extent.spatial.bbox[0]!
    const before = await extent()
    expect(await extent()).toEqual(before) // asked again, nothing changed
    // Further east than anything published (the extent is kept until the places change).
    const east = Math.max(before[2]!, 7.7) + 0.05
    const db = t.database.db
    const { rows } = await sql<{ id: string }>`
      insert into places (category, name, geom, status)
      values ('altro', 'Più a est', ST_SetSRID(ST_MakePoint(${east}::float8, 45.05), 4326),
              'published')
      returning id`.execute(db)
    expect((await extent())[2]).toBeCloseTo(east, 6)
    await sql`update places set status = 'hidden' where id = ${rows[0]!.id}`.execute(db)
    expect(await extent()).toEqual(before)
    await sql`delete from places where id = ${rows[0]!.id}`.execute(db)
  })

  it('gives the districts the extent of the districts, not of the whole territory', async () => {
    const { body: districts } = await body<CollectionDoc>('/ogc/collections/districts')
    const { body: municipalities } = await body<CollectionDoc>('/ogc/collections/municipalities')
    const d = districts.extent.spatial.bbox[0]!
    const m = municipalities.extent.spatial.bbox[0]!
    // The CIdiS municipalities lie west of Turin: the territory reaches ~15 km further west.
    expect(d[0]! - m[0]!).toBeGreaterThan(0.1)
  })

  it('gives the hexagon grids an extent that holds their edge cells', async () => {
    const { body: municipalities } = await body<CollectionDoc>('/ogc/collections/municipalities')
    const { body: hex } = await body<CollectionDoc>('/ogc/collections/need-signals-hex-4000')
    const m = municipalities.extent.spatial.bbox[0]!
    const h = hex.extent.spatial.bbox[0]!
    expect(h[0]!).toBeLessThan(m[0]!)
    expect(h[2]!).toBeGreaterThan(m[2]!)
  })

  it('answers 404 naming an unknown collection', async () => {
    const { body: err } = await body<{ error: { code: string; message: string } }>(
      '/ogc/collections/signals',
      404,
    )
    expect(err.error.code).toBe('not_found')
    expect(err.error.message).toContain('signals')
    expect((await get('/ogc/collections/signals/items')).status).toBe(404)
    expect((await get('/ogc/collections/signals/items/x')).status).toBe(404)
  })
})
