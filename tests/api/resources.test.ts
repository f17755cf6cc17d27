import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { authTestApp, call, cookieFor, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let facilitator: string
let antenna: string
let resident: string
let moderator: string
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  facilitator = await cookieFor(t.db, (await makeUser(t.db, 'facilitator')).id)
  antenna = await cookieFor(t.db, (await makeUser(t.db, 'antenna')).id)
  resident = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  moderator = await cookieFor(t.db, (await makeUser(t.db, 'moderator')).id)
})
afterAll(() => t?.close())

interface Feature {
  id: string
  geometry: { type: string; coordinates: number[] }
  properties: Record<string, unknown> & { status: string; version: number }
}
interface Collection {
  numberMatched: number
  numberReturned: number
  features: Feature[]
  links: { rel: string; href: string }[]
}

const area = {
  type: 'Polygon',
  coordinates: [
    [
      [7.66, 45.05],
      [7.7, 45.05],
      [7.7, 45.08],
      [7.66, 45.08],
      [7.66, 45.05],
    ],
  ],
}
const resource = (o: Record<string, unknown> = {}) => ({
  name: 'Banco alimentare di quartiere',
  description: 'Raccolta e distribuzione di cibo',
  themes: ['food', 'family'],
  organization: 'Associazione Più Città',
  email: 'info@example.org',
  phone: '+39 011 123 4567',
  url: 'https://example.org',
  schedule: [
    { byday: 'MO', opensAt: '09:00', closesAt: '12:30' },
    { byday: 'TH', opensAt: '15:00', closesAt: '18:00', description: 'solo su appuntamento' },
  ],
  eligibilityDescription: 'Famiglie con ISEE sotto 9.000 €',
  languages: ['it', 'ar', 'ro'],
  accessibility: 'Ingresso senza gradini',
  address: 'Via Nizza 1, Torino',
  geometry: { type: 'Point', coordinates: [7.68, 45.06] },
  serviceArea: area,
  assuredDate: '2024-03-01',
  ...o,
})
const create = async (body: unknown, cookie = facilitator) => {
  const res = await call(t.app, 'POST', '/api/resources', { body, cookie })
  return { res, body: (await res.json()) as Feature & { error?: { details: { field: string }[] } } }
}

describe('POST /api/resources', () => {
  it('lets network staff add a resource, published, with every field back', async () => {
    const { res, body } = await create(resource())
    expect(res.status).toBe(201)
    expect(res.headers.get('etag')).toBe('"1"')
    expect(body.properties).toMatchObject({
      status: 'published',
      themes: ['food', 'family'],
      organization: 'Associazione Più Città',
      languages: ['it', 'ar', 'ro'],
      assuredDate: '2024-03-01',
      serviceArea: { type: 'MultiPolygon' },
    })
    expect((body.properties.schedule as unknown[]).length).toBe(2)
    expect((await create(resource(), antenna)).res.status).toBe(201)
  })

  it('refuses residents (403) and visitors (401)', async () => {
    expect((await create(resource(), resident)).res.status).toBe(403)
    expect((await call(t.app, 'POST', '/api/resources', { body: resource() })).status).toBe(401)
  })

  it('ignores client-set status, author and version', async () => {
    const { body } = await create(
      resource({ status: 'hidden', version: 7, author: 'x', authorId: 'y' }),
    )
    expect(body.properties).toMatchObject({ status: 'published', version: 1 })
  })

  it.each([
    ['no theme', { themes: [] }, 'themes'],
    ['an unknown theme', { themes: ['sport'] }, 'themes.0'],
    [
      'a schedule closing before it opens',
      { schedule: [{ byday: 'MO', opensAt: '12:00', closesAt: '09:00' }] },
      'schedule.0.closesAt',
    ],
    [
      'a schedule on a day that is not one',
      { schedule: [{ byday: 'XX', opensAt: '09:00', closesAt: '10:00' }] },
      'schedule.0.byday',
    ],
    [
      '25:00',
      { schedule: [{ byday: 'MO', opensAt: '09:00', closesAt: '25:00' }] },
      'schedule.0.closesAt',
    ],
    ['a javascript: url', { url: 'javascript:alert(1)' }, 'url'],
    ['a language that is not a code', { languages: ['Italiano'] }, 'languages.0'],
    ['a date in the future', { assuredDate: '2999-01-01' }, 'assuredDate'],
    [
      'a point as service area',
      { serviceArea: { type: 'Point', coordinates: [7.6, 45] } },
      'serviceArea.type',
    ],
    [
      'an unclosed service area',
      { serviceArea: { type: 'Polygon', coordinates: [area.coordinates[0]!.slice(0, 4)] } },
      'serviceArea.coordinates.0',
    ],
  ])('refuses %s with 400 naming the field', async (_n, o, field) => {
    const { res, body } = await create(resource(o))
    expect(res.status).toBe(400)
    expect(body.error?.details[0]?.field).toBe(field)
  })

  it("refuses a bow-tie service area with 422 and PostGIS's reason", async () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [7.6, 45.0],
          [7.7, 45.1],
          [7.7, 45.0],
          [7.6, 45.1],
          [7.6, 45.0],
        ],
      ],
    }
    const res = await call(t.app, 'POST', '/api/resources', {
      body: resource({ serviceArea: bowTie }),
      cookie: facilitator,
    })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { message: string; details: { field: string }[] } }
    expect(body.error.details[0]!.field).toBe('serviceArea')
    expect(body.error.message).toMatch(/Self-intersection/)
  })
})

describe('GET /api/resources', () => {
  beforeAll(async () => {
    await create(
      resource({
        name: 'Sportello lavoro Ciriè',
        themes: ['work'],
        geometry: { type: 'Point', coordinates: [7.55, 45.01] },
      }),
    )
    await create(resource({ name: 'Sportello debiti', themes: ['legal_debt'], serviceArea: null }))
  })

  it('filters by theme, bbox and q (accent-insensitive)', async () => {
    const byTheme = (await (
      await call(t.app, 'GET', '/api/resources?theme=work,legal_debt')
    ).json()) as Collection
    expect(byTheme.numberMatched).toBe(2)
    const byBbox = (await (
      await call(t.app, 'GET', '/api/resources?theme=work&bbox=7.5,45,7.6,45.02')
    ).json()) as Collection
    expect(byBbox.numberReturned).toBe(1)
    const byQ = (await (await call(t.app, 'GET', '/api/resources?q=CIRIE')).json()) as Collection
    expect(byQ.features.map((f) => f.properties.name)).toEqual(['Sportello lavoro Ciriè'])
    const byOrg = (await (
      await call(t.app, 'GET', '/api/resources?q=piu%20citta&limit=1')
    ).json()) as Collection
    expect(byOrg.numberReturned).toBe(1)
    expect(byOrg.links.some((l) => l.rel === 'next')).toBe(true)
  })

  it('refuses limit over 1000 and unknown themes with 400', async () => {
    expect((await call(t.app, 'GET', '/api/resources?limit=5000')).status).toBe(400)
    expect((await call(t.app, 'GET', '/api/resources?theme=sport')).status).toBe(400)
  })
})

describe('PATCH, hide, delete', () => {
  it('updates with If-Match, answers 412 when stale and 428 without', async () => {
    const { body } = await create(resource())
    const patch = (b: unknown, ifMatch?: string, cookie = facilitator) =>
      call(t.app, 'PATCH', `/api/resources/${body.id}`, {
        body: b,
        cookie,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      })
    expect((await patch({ name: 'x' })).status).toBe(428)
    const ok = await patch({ themes: ['health'], serviceArea: null }, '"1"')
    expect(ok.status).toBe(200)
    const f = (await ok.json()) as Feature
    expect(f.properties).toMatchObject({ themes: ['health'], serviceArea: null, version: 2 })
    expect(f.properties.organization).toBe('Associazione Più Città')
    expect((await patch({ name: 'y' }, '"1"')).status).toBe(412)
    expect((await patch({ name: 'z' }, '"2"', antenna)).status).toBe(403)
    expect((await patch({ name: 'z' }, '"2"', moderator)).status).toBe(200)
  })

  it('lets moderators hide and delete; staff cannot delete published ones', async () => {
    const { body } = await create(resource())
    expect(
      (await call(t.app, 'DELETE', `/api/resources/${body.id}`, { cookie: facilitator })).status,
    ).toBe(409)
    const hide = await call(t.app, 'POST', `/api/resources/${body.id}/hide`, {
      body: { reason: 'chiuso' },
      cookie: moderator,
    })
    expect(hide.status).toBe(200)
    expect((await call(t.app, 'GET', `/api/resources/${body.id}`)).status).toBe(404)
    expect(
      (await call(t.app, 'DELETE', `/api/resources/${body.id}`, { cookie: moderator })).status,
    ).toBe(204)
  })
})

describe('exports', () => {
  it('exports HSDS-shaped JSON', async () => {
    const res = await call(t.app, 'GET', '/api/resources/export.hsds.json')
    expect(res.status).toBe(200)
    const h = (await res.json()) as {
      hsds_version: string
      organizations: { id: string; name: string }[]
      services: {
        id: string
        organization_id: string
        schedules: { byday: string; opens_at: string }[]
        languages: { code: string }[]
        service_areas: { extent_type: string }[]
        eligibility_description: string
        assured_date: string
      }[]
      locations: { latitude: number; longitude: number; accessibility: { description: string }[] }[]
      service_at_locations: { service_id: string; location_id: string }[]
    }
    expect(h.hsds_version).toBe('3.0')
    expect(h.organizations.map((o) => o.name)).toContain('Associazione Più Città')
    const s = h.services.find((x) => x.service_areas.length > 0)!
    expect(s.schedules[0]).toMatchObject({ byday: 'MO', opens_at: '09:00' })
    expect(s.languages.map((l) => l.code)).toEqual(['it', 'ar', 'ro'])
    expect(s.service_areas[0]!.extent_type).toBe('geojson')
    expect(s.assured_date).toBe('2024-03-01')
    expect(h.organizations.some((o) => o.id === s.organization_id)).toBe(true)
    expect(h.locations[0]!.latitude).toBeCloseTo(45.06)
    expect(h.service_at_locations).toHaveLength(h.services.length)
  })

  it('exports GeoJSON with attribution and CSV with neutralised cells', async () => {
    await create(resource({ name: '@SUM(A1:A9)' }))
    const geo = (await (
      await call(t.app, 'GET', '/api/resources/export.geojson')
    ).json()) as Collection & {
      attribution: string
    }
    expect(geo.attribution).toMatch(/Intrecci/)
    const csv = await (await call(t.app, 'GET', '/api/resources/export.csv')).text()
    expect(csv).toContain("'@SUM(A1:A9)")
    expect(csv).toContain('MO 09:00-12:30; TH 15:00-18:00')
  })
})
