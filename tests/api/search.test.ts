// GET /api/search: places, resources and areas by name, accent- and case-insensitive, on PGlite
// and (with DATABASE_URL) on the PostGIS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPlace } from '../../api/places/places.repository.ts'
import { insertResource } from '../../api/resources/resources.repository.ts'
import { backends } from '../helpers/db.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

interface Hit {
  kind: string
  id: string
  name: string
  point?: [number, number]
  bbox?: [number, number, number, number]
  category?: string
  themes?: string[]
  areaKind?: string
}
interface Answer {
  query: string
  places: Hit[]
  resources: Hit[]
  areas: Hit[]
}

const point = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
})

describe.each(backends())('GET /api/search on %s', (backend) => {
  let t: TestApp
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    t = await testApp({ backend })
    const db = t.database.db
    const place = (
      name: string,
      status: 'published' | 'pending' = 'published',
      description?: string,
    ) =>
      insertPlace(db, {
        category: 'scuola',
        name,
        description: description ?? null,
        geometry: point(7.68, 45.07),
        status,
        authorId: null,
        pseudonym: null,
      })
    ids.segre = await place('Liceo Scientifico Gobetti Segrè')
    ids.carita = await place('Casa del Quartiere di Ospizio di Carità')
    ids.casaPrefix = await place('Casa Aperta')
    ids.pending = await place('Orto segreto di via Nizza', 'pending')
    ids.describedOnly = await place('Bar Sport', 'published', 'Vicino al liceo Segrè')
    ids.wildcard = await place('Spazio 100% quartiere')
    ids.resource = await insertResource(db, {
      name: 'Sportello Casa Solidarietà',
      description: null,
      themes: ['housing', 'legal_debt'],
      organization: null,
      email: null,
      phone: null,
      url: null,
      schedule: [],
      eligibilityDescription: null,
      languages: [],
      accessibility: null,
      address: null,
      geometry: point(7.66, 45.05),
      serviceArea: null,
      assuredDate: null,
      status: 'published',
      authorId: null,
    })
  }, 120_000)
  afterAll(() => t?.close())

  async function search(query: string) {
    const res = await t.app.request(`/api/search?${query}`)
    return {
      status: res.status,
      body: (await res.json()) as Answer & {
        error?: { message: string; details: { field: string }[] }
      },
    }
  }

  it('finds a place whatever accent is typed, or none', async () => {
    for (const q of ['segre', 'Segré', 'SEGRÈ', 'segrè']) {
      const { status, body } = await search(`q=${encodeURIComponent(q)}`)
      expect(status).toBe(200)
      expect(body.places.map((p) => p.id)).toEqual([ids.segre])
      expect(body.places[0]).toMatchObject({
        kind: 'place',
        category: 'scuola',
        point: [7.68, 45.07],
      })
    }
  })

  it('needs every word, in any order, in the name (not only in the description)', async () => {
    const { body } = await search('q=carita%20ospizio')
    expect(body.places.map((p) => p.name)).toEqual(['Casa del Quartiere di Ospizio di Carità'])
    const liceo = await search('q=liceo')
    expect(liceo.body.places.map((p) => p.id)).toEqual([ids.segre])
  })

  it('lists names that start with the query first', async () => {
    const { body } = await search('q=casa')
    expect(body.places.map((p) => p.id)).toEqual([ids.casaPrefix, ids.carita])
    expect(body.resources.map((r) => r.id)).toEqual([ids.resource])
    expect(body.resources[0]).toMatchObject({ kind: 'resource', themes: ['housing', 'legal_debt'] })
  })

  it('never shows what is not published', async () => {
    const { body } = await search('q=segreto')
    expect(body.places).toEqual([])
  })

  it('finds areas by name with their extent, accents folded', async () => {
    const { body } = await search('q=citta%20giardino')
    const zone = body.areas.find((a) => a.name === 'Mirafiori - Città Giardino')
    expect(zone).toMatchObject({ kind: 'area', areaKind: 'zone' })
    const [w, s, e, n] = zone!.bbox!
    expect(w).toBeLessThan(e)
    expect(s).toBeLessThan(n)
    expect(w).toBeGreaterThan(7.5)
    expect(n).toBeLessThan(45.1)
    const torino = await search('q=torino')
    expect(torino.body.areas[0]).toMatchObject({ name: 'Torino', areaKind: 'municipality' })
  })

  it('takes LIKE wildcards literally', async () => {
    const { body } = await search('q=100%25')
    expect(body.places.map((p) => p.id)).toEqual([ids.wildcard])
    const none = await search('q=%25%25')
    expect(none.body.places).toEqual([])
    expect(none.body.areas).toEqual([])
  })

  it('honours limit', async () => {
    const { body } = await search('q=ca&limit=1')
    expect(body.places.length).toBe(1)
    expect(body.areas.length).toBeLessThanOrEqual(1)
  })

  it('refuses a missing, short or long query and a bad limit, naming the field', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['q=a', 'q'],
      ['q=%20%20a%20', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=casa&limit=0', 'limit'],
      ['q=casa&limit=21', 'limit'],
    ] as const) {
      const { status, body } = await search(query)
      expect(status, query).toBe(400)
      expect(body.error!.details[0]!.field, query).toBe(field)
    }
  })
})
