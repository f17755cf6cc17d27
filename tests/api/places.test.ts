import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { putModerationSettings } from '../../api/moderation/settings.repository.ts'
import {
  authTestApp,
  call,
  cookieFor,
  makeUser,
  PASSWORD,
  type AuthTestApp,
} from './auth-fixtures.ts'

let t: AuthTestApp
let resident: string
let residentId: string
let other: string
let moderator: string
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  const r = await makeUser(t.db, 'resident')
  residentId = r.id
  resident = await cookieFor(t.db, r.id)
  other = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  moderator = await cookieFor(t.db, (await makeUser(t.db, 'moderator')).id)
})
afterAll(() => t?.close())

interface Feature {
  id: string
  geometry: { type: string; coordinates: number[] }
  properties: Record<string, unknown> & { status: string; version: number; name: string }
}
interface Collection {
  type: string
  numberMatched: number
  numberReturned: number
  features: Feature[]
  links: { rel: string; href: string }[]
}

const pt = (lon = 7.6869, lat = 45.0703) => ({ type: 'Point', coordinates: [lon, lat] })
const place = (o: Record<string, unknown> = {}) => ({
  category: 'casa_del_quartiere',
  name: 'Casa del quartiere di San Salvario',
  description: 'Spazio aperto a tutti',
  story: 'Nata nei bagni pubblici di via Morgari',
  geometry: pt(),
  ...o,
})

async function create(body: unknown, cookie: string | undefined = resident) {
  const res = await call(t.app, 'POST', '/api/places', { body, cookie })
  return {
    res,
    body: (await res.json()) as Feature & {
      error?: { code: string; details: { field: string }[] }
    },
  }
}

async function list(query: string, cookie?: string) {
  const res = await call(t.app, 'GET', `/api/places${query}`, { cookie })
  return { res, body: (await res.json()) as Collection }
}

describe('POST /api/places', () => {
  it('creates a place, published at once for a resident, with ETag and Location', async () => {
    const { res, body } = await create(place())
    expect(res.status).toBe(201)
    expect(res.headers.get('etag')).toBe('"1"')
    expect(res.headers.get('location')).toBe(`/api/places/${body.id}`)
    expect(body.properties).toMatchObject({ status: 'published', version: 1, own: true })
    expect(body.geometry).toEqual(pt())
  })

  it('requires a pseudonym from visitors', async () => {
    const res = await call(t.app, 'POST', '/api/places', { body: place() })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { details: { field: string }[] } }
    expect(body.error.details[0]?.field).toBe('pseudonym')
  })

  it('ignores client-set status, author, version and unknown fields', async () => {
    const res = await call(t.app, 'POST', '/api/places', {
      body: place({
        pseudonym: 'Gianni',
        status: 'published',
        author: { name: 'admin' },
        author_id: residentId,
        version: 99,
        id: '00000000-0000-4000-8000-000000000000',
        evil: 1,
      }),
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Feature
    expect(body.id).not.toBe('00000000-0000-4000-8000-000000000000')
    expect(body.properties.status).toBe('pending')
    expect(body.properties.version).toBe(1)
    expect(body.properties.author).toEqual({ name: 'Gianni', pseudonym: true })
    expect(body.properties).not.toHaveProperty('evil')
    const row = await t.db
      .selectFrom('places')
      .select(['author_id', 'status'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ author_id: null, status: 'pending' })
  })

  it('keeps a resident pending when moderators turned direct publication off', async () => {
    await putModerationSettings(t.db, { residentsPublishDirectly: false })
    const { body } = await create(place({ name: 'In attesa' }), other)
    await putModerationSettings(t.db, { residentsPublishDirectly: true })
    expect(body.properties.status).toBe('pending')
  })

  it('answers 202 and stores nothing when the honeypot is filled', async () => {
    const before = await list('?q=honeypot')
    const res = await call(t.app, 'POST', '/api/places', {
      body: place({ name: 'honeypot', pseudonym: 'bot', website: 'http://spam' }),
    })
    expect(res.status).toBe(202)
    expect((await list('?q=honeypot', moderator)).body.numberMatched).toBe(
      before.body.numberMatched,
    )
  })

  it.each([
    ['a category outside the vocabulary', { category: 'discoteca' }, 'category'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of 201 characters', { name: 'a'.repeat(201) }, 'name'],
    ['a control character in the name', { name: 'a\u0000b' }, 'name'],
    ['a number as name', { name: 42 }, 'name'],
    ['a polygon', { geometry: { type: 'Polygon', coordinates: [] } }, 'geometry.type'],
    [
      'a string coordinate',
      { geometry: { type: 'Point', coordinates: ['7.6', 45] } },
      'geometry.coordinates.0',
    ],
    ['no geometry', { geometry: undefined }, 'geometry'],
  ])('refuses %s with 400 naming the field', async (_n, o, field) => {
    const { res, body } = await create(place(o))
    expect(res.status).toBe(400)
    expect(body.error?.details[0]?.field).toBe(field)
  })

  it('refuses 1e400 (Infinity) in raw JSON with 400', async () => {
    const raw = JSON.stringify(place()).replace('7.6869', '1e400')
    const res = await call(t.app, 'POST', '/api/places', { raw, cookie: resident })
    expect(res.status).toBe(400)
  })

  it('refuses NaN (not JSON) with 400', async () => {
    const raw = JSON.stringify(place()).replace('7.6869', 'NaN')
    const res = await call(t.app, 'POST', '/api/places', { raw, cookie: resident })
    expect(res.status).toBe(400)
  })

  it('refuses swapped latitude/longitude with 422', async () => {
    const { res, body } = await create(place({ geometry: pt(45.0703, 7.6869) }))
    expect(res.status).toBe(422)
    expect(body.error?.code).toBe('invalid_geometry')
  })

  it('refuses an oversize body with 413', async () => {
    const raw = JSON.stringify(place({ story: 'x'.repeat(1024 * 1024 + 10) }))
    const res = await call(t.app, 'POST', '/api/places', { raw, cookie: resident })
    expect(res.status).toBe(413)
  })

  it('stores unicode names as sent (emoji, right-to-left, combining accents), NFC', async () => {
    const name = 'Orto 🌱 حديقة Cafe\u0301'
    const { res, body } = await create(place({ name, category: 'orto_giardino' }))
    expect(res.status).toBe(201)
    expect(body.properties.name).toBe(name.normalize('NFC'))
  })
})

describe('GET /api/places', () => {
  let ids: string[] = []
  beforeAll(async () => {
    ids = []
    for (let i = 0; i < 5; i++) {
      const { body } = await create(
        place({
          name: `Biblioteca Città ${i}`,
          category: 'biblioteca',
          geometry: pt(7.5 + i * 0.01, 45.0),
        }),
      )
      ids.push(body.id)
    }
  })

  it('lists a GeoJSON FeatureCollection with numberMatched/numberReturned and links', async () => {
    const { res, body } = await list('?category=biblioteca&limit=2')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    expect(body.type).toBe('FeatureCollection')
    expect(body.numberMatched).toBe(5)
    expect(body.numberReturned).toBe(2)
    expect(body.links.find((l) => l.rel === 'next')?.href).toContain('category=biblioteca')
  })

  it('walks every page with the next link, each place once, newest first', async () => {
    const seen: string[] = []
    let href: string | undefined = '/api/places?category=biblioteca&limit=2'
    while (href) {
      const page = await call(t.app, 'GET', href)
      const body = (await page.json()) as Collection
      seen.push(...body.features.map((f) => f.id))
      href = body.links.find((l) => l.rel === 'next')?.href
    }
    expect(seen).toEqual([...ids].reverse())
  })

  it('filters by bbox', async () => {
    const { body } = await list('?category=biblioteca&bbox=7.505,44.99,7.525,45.01')
    expect(body.features.map((f) => f.id).sort()).toEqual([ids[1], ids[2]].sort())
  })

  it('searches name and description ignoring accents and case', async () => {
    expect((await list('?q=CITTA')).body.numberMatched).toBe(5)
    expect((await list('?q=citt%C3%A0%201')).body.features.map((f) => f.id)).toEqual([ids[1]])
  })

  it.each(["'; drop table places; --", '%', '_', '\\', "' or 1=1 --"])(
    'treats %s in q as text',
    async (q) => {
      const { res, body } = await list(`?q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(200)
      expect(body.numberMatched).toBe(0)
    },
  )

  it.each([
    ['limit over 1000', '?limit=1001'],
    ['limit 0', '?limit=0'],
    ['a bbox of 3 numbers', '?bbox=7,45,8'],
    ['a bbox with min > max', '?bbox=8,45,7,46'],
    ['a bbox with NaN', '?bbox=7,45,NaN,46'],
    ['a forged cursor', '?cursor=abc'],
    ['an unknown category', '?category=discoteca'],
    ['an unknown status', '?status=deleted'],
  ])('refuses %s with 400', async (_n, q) => {
    expect((await list(q)).res.status).toBe(400)
  })

  it('shows visitors published places only; authors their own pending; moderators all', async () => {
    await putModerationSettings(t.db, { residentsPublishDirectly: false })
    const { body: mine } = await create(place({ name: 'Pending of mine' }), resident)
    await putModerationSettings(t.db, { residentsPublishDirectly: true })
    const q = `?q=${encodeURIComponent('pending of mine')}`
    expect((await list(q)).body.numberMatched).toBe(0)
    expect((await list(q, other)).body.numberMatched).toBe(0)
    expect((await list(q, resident)).body.numberMatched).toBe(1)
    expect((await list(q, moderator)).body.numberMatched).toBe(1)
    expect((await call(t.app, 'GET', `/api/places/${mine.id}`)).status).toBe(404)
    expect((await call(t.app, 'GET', `/api/places/${mine.id}`, { cookie: resident })).status).toBe(
      200,
    )
  })

  it('allows the status filter to moderators, to authors for their own, not to visitors', async () => {
    expect((await list('?status=pending')).res.status).toBe(403)
    const own = await list('?status=pending', resident)
    expect(own.res.status).toBe(200)
    expect(own.body.features.every((f) => f.properties.own === true)).toBe(true)
    const all = await list('?status=pending', moderator)
    expect(all.body.numberMatched).toBeGreaterThan(own.body.numberMatched)
  })
})

describe('GET /api/places/:id', () => {
  it('gives the Feature with an ETag of its version', async () => {
    const { body } = await create(place())
    const res = await call(t.app, 'GET', `/api/places/${body.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"1"')
  })

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await call(t.app, 'GET', '/api/places/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404)
    expect((await call(t.app, 'GET', "/api/places/1' or '1'='1")).status).toBe(400)
  })
})

describe('PATCH /api/places/:id', () => {
  const patch = (id: string, body: unknown, cookie: string, ifMatch?: string) =>
    call(t.app, 'PATCH', `/api/places/${id}`, {
      body,
      cookie,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    })

  it('updates with the current version and increments it', async () => {
    const { body } = await create(place())
    const res = await patch(
      body.id,
      { name: 'Nuovo nome', version: 50, status: 'hidden' },
      resident,
      '"1"',
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"2"')
    const f = (await res.json()) as Feature
    expect(f.properties).toMatchObject({ name: 'Nuovo nome', version: 2, status: 'published' })
    expect(f.properties.description).toBe('Spazio aperto a tutti')
  })

  it('answers 412 to a stale version, and does not overwrite', async () => {
    const { body } = await create(place())
    expect((await patch(body.id, { name: 'first' }, resident, '"1"')).status).toBe(200)
    const res = await patch(body.id, { name: 'second' }, resident, '"1"')
    expect(res.status).toBe(412)
    const now = (await (await call(t.app, 'GET', `/api/places/${body.id}`)).json()) as Feature
    expect(now.properties.name).toBe('first')
  })

  it('answers 428 without If-Match', async () => {
    const { body } = await create(place())
    expect((await patch(body.id, { name: 'x' }, resident)).status).toBe(428)
    expect((await patch(body.id, { name: 'x' }, resident, '*')).status).toBe(428)
  })

  it("refuses another resident's place (403), and lets a moderator edit it", async () => {
    const { body } = await create(place())
    expect((await patch(body.id, { name: 'x' }, other, '"1"')).status).toBe(403)
    expect((await patch(body.id, { name: 'y' }, moderator, '"1"')).status).toBe(200)
  })

  it('refuses visitors (401) and a geometry outside the territory (422)', async () => {
    const { body } = await create(place())
    const anon = await call(t.app, 'PATCH', `/api/places/${body.id}`, {
      body: { name: 'x' },
      headers: { 'if-match': '"1"' },
    })
    expect(anon.status).toBe(401)
    expect((await patch(body.id, { geometry: pt(12.49, 41.89) }, resident, '"1"')).status).toBe(422)
  })
})

describe('hide and delete', () => {
  it('lets moderators hide a published place, with an audit row', async () => {
    const { body } = await create(place())
    const res = await call(t.app, 'POST', `/api/places/${body.id}/hide`, {
      body: { reason: 'duplicato' },
      cookie: moderator,
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as Feature).properties.status).toBe('hidden')
    expect((await call(t.app, 'GET', `/api/places/${body.id}`)).status).toBe(404)
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_id', '=', body.id)
      .execute()
    expect(rows.map((r) => r.action)).toEqual(['place.create', 'place.hide'])
    const again = await call(t.app, 'POST', `/api/places/${body.id}/hide`, {
      body: { reason: 'again' },
      cookie: moderator,
    })
    expect(again.status).toBe(409)
  })

  it('refuses hiding to residents (403)', async () => {
    const { body } = await create(place())
    const res = await call(t.app, 'POST', `/api/places/${body.id}/hide`, {
      body: { reason: 'x' },
      cookie: resident,
    })
    expect(res.status).toBe(403)
  })

  it('lets an author delete their pending place, not a published one', async () => {
    await putModerationSettings(t.db, { residentsPublishDirectly: false })
    const { body: pending } = await create(place())
    await putModerationSettings(t.db, { residentsPublishDirectly: true })
    const { body: published } = await create(place())
    expect(
      (await call(t.app, 'DELETE', `/api/places/${pending.id}`, { cookie: resident })).status,
    ).toBe(204)
    expect(
      (await call(t.app, 'DELETE', `/api/places/${published.id}`, { cookie: resident })).status,
    ).toBe(409)
    expect(
      (await call(t.app, 'DELETE', `/api/places/${published.id}`, { cookie: moderator })).status,
    ).toBe(204)
    expect(
      (await call(t.app, 'GET', `/api/places/${published.id}`, { cookie: moderator })).status,
    ).toBe(404)
  })
})

describe('exports', () => {
  it('exports published places as GeoJSON with attribution', async () => {
    const res = await call(t.app, 'GET', '/api/places/export.geojson')
    expect(res.status).toBe(200)
    const body = (await res.json()) as Collection & { attribution: string }
    expect(body.attribution).toMatch(/Intrecci/)
    expect(body.features.length).toBeGreaterThan(0)
    for (const f of body.features) expect(f.properties).not.toHaveProperty('status')
  })

  it('exports CSV with formula cells neutralised', async () => {
    await create(place({ name: '=HYPERLINK("http://evil")' }))
    const res = await call(t.app, 'GET', '/api/places/export.csv')
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const text = await res.text()
    expect(text.split('\r\n')[0]).toMatch(/^id,category,name/)
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(text).not.toContain('Pending of mine')
  })
})

describe('erasure', () => {
  it('keeps published places of an erased account, without their author', async () => {
    const u = await makeUser(t.db, 'resident', { displayName: 'Persona da cancellare' })
    const cookie = await cookieFor(t.db, u.id)
    const { body } = await create(place({ name: 'Resta dopo la cancellazione' }), cookie)
    const res = await call(t.app, 'DELETE', '/api/me', { body: { password: PASSWORD }, cookie })
    expect(res.status).toBeLessThan(300)
    const f = (await (await call(t.app, 'GET', `/api/places/${body.id}`)).json()) as Feature
    expect(f.properties.author).toEqual({ name: null, pseudonym: false })
    expect(JSON.stringify(f)).not.toContain('Persona da cancellare')
  })
})
