import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authTestApp, call, cookieFor, json, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
const cookies: Record<string, string> = {}
const ids: Record<string, string> = {}
beforeAll(async () => {
  t = await authTestApp()
  for (const role of ['antenna', 'admin', 'planner', 'resident', 'moderator'] as const) {
    const u = await makeUser(t.db, role)
    ids[role] = u.id
    cookies[role] = await cookieFor(t.db, u.id)
  }
  const other = await makeUser(t.db, 'antenna')
  ids.other = other.id
  cookies.other = await cookieFor(t.db, other.id)
})
afterAll(() => t?.close())

const PIAZZA_CASTELLO = [7.6856, 45.0712]
const signal = (over: Record<string, unknown> = {}) => ({
  theme: 'food',
  severity: 2,
  note: 'Famiglia con due bambini, frigorifero vuoto',
  observedOn: '2026-03-02',
  geometry: { type: 'Point', coordinates: PIAZZA_CASTELLO },
  ...over,
})

interface Feature {
  id: string
  geometry: { type: string; coordinates: number[] }
  properties: Record<string, unknown> & { version: number; areas: Record<string, string | null> }
}

async function create(as = 'antenna', body: unknown = signal(), headers = {}) {
  const res = await call(t.app, 'POST', '/api/signals', { cookie: cookies[as], body, headers })
  return { res, body: await json<Feature & { error?: { code: string; message: string } }>(res) }
}

describe('POST /api/signals', () => {
  it('lets an antenna record a signal, with its areas found by the database', async () => {
    const { res, body } = await create()
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toBe(`/api/signals/${body.id}`)
    expect(res.headers.get('etag')).toBe('"1"')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(body.geometry).toEqual({ type: 'Point', coordinates: PIAZZA_CASTELLO })
    expect(body.properties).toMatchObject({
      theme: 'food',
      severity: 2,
      observedOn: '2026-03-02',
      authorId: ids.antenna,
      origin: 'field',
      version: 1,
    })
    expect(body.properties.areas.district).toBe('district-1')
    expect(body.properties.areas.municipality).toBe('municipality-001272')
    expect(body.properties.areas.zone).toMatch(/^zone-/)
  })

  it('writes an audit row without the point or the note', async () => {
    const { body } = await create()
    const { rows } = await sql<{ action: string; after: Record<string, unknown> }>`
      select action, after from audit_log where target_id = ${body.id}`.execute(t.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.action).toBe('need_signal.create')
    const text = JSON.stringify(rows[0]!.after)
    expect(text).not.toContain('7.6856')
    expect(text).not.toContain('frigorifero')
    expect(rows[0]!.after).toMatchObject({ theme: 'food', district: 'district-1' })
  })

  it('stores a retried submission once (Idempotency-Key)', async () => {
    const headers = { 'Idempotency-Key': 'kiosk-abc-1' }
    const first = await create('antenna', signal(), headers)
    const again = await create('antenna', signal(), headers)
    expect(first.res.status).toBe(201)
    expect(again.res.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
  })

  it.each(['resident', 'planner', 'moderator'])('refuses a %s (403)', async (role) => {
    const { res } = await create(role)
    expect(res.status).toBe(403)
  })

  it('refuses a visitor (401)', async () => {
    const res = await call(t.app, 'POST', '/api/signals', { body: signal() })
    expect(res.status).toBe(401)
  })

  it.each([
    [{ severity: 4 }, 'severity'],
    [{ theme: 'loneliness' }, 'theme'],
    [{ observedOn: '2999-01-01' }, 'observedOn'],
    [{ observedOn: '2026-02-30' }, 'observedOn'],
    [{ geometry: { type: 'LineString', coordinates: [PIAZZA_CASTELLO, [7.7, 45.1]] } }, 'geometry'],
  ])('refuses %j with 400 naming the field', async (over, field) => {
    const { res, body } = await create('antenna', signal(over))
    expect(res.status).toBe(400)
    expect(body.error!.message.startsWith(field)).toBe(true)
  })

  it('refuses a point outside the municipalities of the territory (422)', async () => {
    const { res, body } = await create(
      'antenna',
      signal({ geometry: { type: 'Point', coordinates: [7.88, 45.24] } }),
    )
    expect(res.status).toBe(422)
    expect(body.error!.code).toBe('invalid_geometry')
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from need_signals where ST_X(geom) = 7.88`.execute(t.db)
    expect(rows[0]!.n).toBe(0)
  })
})

describe('GET /api/signals and /api/signals/:id', () => {
  it('lists only the antenna’s own signals; an admin sees everyone’s', async () => {
    await create('other')
    const mine = await json<{ features: Feature[]; numberMatched: number }>(
      await call(t.app, 'GET', '/api/signals', { cookie: cookies.antenna }),
    )
    expect(mine.features.length).toBeGreaterThan(0)
    for (const f of mine.features) expect(f.properties.authorId).toBe(ids.antenna)
    const all = await json<{ features: Feature[]; numberMatched: number }>(
      await call(t.app, 'GET', '/api/signals', { cookie: cookies.admin }),
    )
    const authors = new Set(all.features.map((f) => f.properties.authorId))
    expect(authors.has(ids.antenna)).toBe(true)
    expect(authors.has(ids.other)).toBe(true)
    expect(all.numberMatched).toBeGreaterThan(mine.numberMatched)
  })

  it('pages with a next link', async () => {
    for (let i = 0; i < 3; i++) await create('other')
    const seen = new Set<string>()
    let next: string | undefined = '/api/signals?limit=2'
    while (next) {
      const page: { features: Feature[]; links: { rel: string; href: string }[] } = await json(
        await call(t.app, 'GET', next, { cookie: cookies.other }),
      )
      for (const f of page.features) seen.add(f.id)
      next = page.links.find((l) => l.rel === 'next')?.href
    }
    const total = await json<{ numberMatched: number }>(
      await call(t.app, 'GET', '/api/signals', { cookie: cookies.other }),
    )
    expect(seen.size).toBe(total.numberMatched)
  })

  it.each(['resident', 'planner'])('refuses the list to a %s', async (role) => {
    const res = await call(t.app, 'GET', '/api/signals', { cookie: cookies[role] })
    expect(res.status).toBe(403)
  })

  it('answers someone else’s signal exactly like a missing one', async () => {
    const { body } = await create('other')
    const theirs = await call(t.app, 'GET', `/api/signals/${body.id}`, { cookie: cookies.antenna })
    const none = await call(t.app, 'GET', '/api/signals/00000000-0000-4000-8000-000000000000', {
      cookie: cookies.antenna,
    })
    const junk = await call(t.app, 'GET', '/api/signals/not-a-uuid', { cookie: cookies.antenna })
    expect(theirs.status).toBe(404)
    const a = await theirs.text()
    expect(a).toBe(await none.text())
    expect(a).toBe(await junk.text())
    expect(a).not.toContain('7.68')
    const admin = await call(t.app, 'GET', `/api/signals/${body.id}`, { cookie: cookies.admin })
    expect(admin.status).toBe(200)
  })
})

describe('PATCH and DELETE /api/signals/:id', () => {
  const patch = (id: string, body: unknown, ifMatch?: string, as = 'antenna') =>
    call(t.app, 'PATCH', `/api/signals/${id}`, {
      cookie: cookies[as],
      body,
      headers: ifMatch ? { 'If-Match': ifMatch } : {},
    })

  it('updates with If-Match, bumps the version and recomputes the areas', async () => {
    const { body } = await create()
    const res = await patch(
      body.id,
      { severity: 3, geometry: { type: 'Point', coordinates: [7.6395, 45.0405] } },
      '"1"',
    )
    expect(res.status).toBe(200)
    const after = await json<Feature>(res)
    expect(after.properties.version).toBe(2)
    expect(after.properties.severity).toBe(3)
    expect(after.properties.areas.district).not.toBe('district-1')
    const { rows } = await sql<{ action: string }>`
      select action from audit_log where target_id = ${body.id} order by id`.execute(t.db)
    expect(rows.map((r) => r.action)).toEqual(['need_signal.create', 'need_signal.update'])
  })

  it('answers 412 to a stale version and 428 without If-Match', async () => {
    const { body } = await create()
    expect((await patch(body.id, { severity: 1 }, '"1"')).status).toBe(200)
    const stale = await patch(body.id, { severity: 3 }, '"1"')
    expect(stale.status).toBe(412)
    expect((await json<{ error: { code: string } }>(stale)).error.code).toBe('stale')
    expect((await patch(body.id, { severity: 3 })).status).toBe(428)
  })

  it('does not let an antenna edit or delete someone else’s (404), an admin may', async () => {
    const { body } = await create('other')
    expect((await patch(body.id, { severity: 1 }, '"1"')).status).toBe(404)
    const del = await call(t.app, 'DELETE', `/api/signals/${body.id}`, { cookie: cookies.antenna })
    expect(del.status).toBe(404)
    expect((await patch(body.id, { severity: 1 }, '"1"', 'admin')).status).toBe(200)
  })

  it('deletes for real, with an audit row', async () => {
    const { body } = await create()
    const res = await call(t.app, 'DELETE', `/api/signals/${body.id}`, { cookie: cookies.antenna })
    expect(res.status).toBe(204)
    const gone = await call(t.app, 'GET', `/api/signals/${body.id}`, { cookie: cookies.antenna })
    expect(gone.status).toBe(404)
    const { rows } = await sql<{ action: string }>`
      select action from audit_log where target_id = ${body.id} order by id`.execute(t.db)
    expect(rows.map((r) => r.action)).toEqual(['need_signal.create', 'need_signal.delete'])
  })

  it('keeps the audit log for admins only', async () => {
    for (const role of ['antenna', 'planner', 'resident']) {
      const res = await call(t.app, 'GET', '/api/audit?targetKind=need_signal', {
        cookie: cookies[role],
      })
      expect(res.status).toBe(403)
    }
  })
})

describe('the personal data export', () => {
  it("gives an antenna their own signals with their points, and nobody else's", async () => {
    const { body: mine } = await create()
    const { body: theirs } = await create('other')
    const res = await call(t.app, 'GET', '/api/me/export', { cookie: cookies.antenna })
    expect(res.status).toBe(200)
    const exported = await json<{ needSignals: Feature[] }>(res)
    const exportedIds = exported.needSignals.map((s) => s.id)
    expect(exportedIds).toContain(mine.id)
    expect(exportedIds).not.toContain(theirs.id)
    expect(exported.needSignals.find((s) => s.id === mine.id)!.geometry.coordinates).toEqual(
      PIAZZA_CASTELLO,
    )
    const resident = await call(t.app, 'GET', '/api/me/export', { cookie: cookies.resident })
    expect((await json<{ needSignals: Feature[] }>(resident)).needSignals).toEqual([])
  })
})
