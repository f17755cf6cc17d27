// Unconventional maps (issue 7): creation and templates, visibility in lists and by id for each
// kind of caller, joining by link and by code, removal, versions and 409 on stale edits, limits.
// On PGlite, and on the PostGIS server when DATABASE_URL is set.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.ts'
import { parseConfig } from '../../api/config.ts'
import { backends } from '../helpers/db.ts'
import { bindings, call, cookieFor, makeUser } from './auth-fixtures.ts'
import {
  body,
  callAs,
  createMap,
  draw,
  join,
  line,
  mapsTestApp,
  point,
  square,
  type FeatureJson,
  type MapJson,
  type MapsTest,
} from './maps-fixtures.ts'

interface ErrorJson {
  error: { code: string; message: string; details?: { field: string; message: string }[] }
  current?: FeatureJson
}

describe.each(backends())('maps on %s', (backend) => {
  let m: MapsTest
  let fac: { cookie: string }
  beforeAll(async () => {
    m = await mapsTestApp(backend)
    fac = { cookie: m.people.facilitator }
  })
  afterAll(() => m?.close())

  describe('creating a map', () => {
    it('gives the facilitator a map with the template legend, private by default', async () => {
      const map = await createMap(m, {
        title: 'Via Nizza, memoria e bisogni',
        meeting: { place: 'Casa del quartiere San Salvario', date: '2026-03-14' },
      })
      expect(map.visibility).toBe('private')
      expect(map.me).toMatchObject({ role: 'owner', canDraw: true, canManage: true })
      expect(map.legend.map((s) => s.label)).toEqual(
        expect.arrayContaining([
          'dove mi sento a casa',
          'luogo della memoria',
          'qui manca qualcosa',
          'da evitare la sera',
        ]),
      )
      const templates = await body<{ templates: { key: string }[] }>(
        await call(m.t.app, 'GET', '/api/maps/templates'),
      )
      expect(templates.templates.length).toBeGreaterThanOrEqual(3)
    })

    it('takes the group’s own legend, with keys made from the labels', async () => {
      const map = await createMap(m, {
        language: 'en',
        legend: [
          { label: 'Panchina amica', color: '#1B9E77', emoji: '🪑', kinds: ['point'] },
          { label: 'Panchina amica', color: '#000000', kinds: ['point', 'line'] },
        ],
      })
      expect(map.legend.map((s) => s.key)).toEqual(['panchina-amica', 'panchina-amica-2'])
      expect(map.legend[0]!.color).toBe('#1b9e77')
    })

    it('refuses a bad legend naming the field, and residents and visitors', async () => {
      const bad = await call(m.t.app, 'POST', '/api/maps', {
        cookie: m.people.facilitator,
        body: { title: 'x', legend: [{ label: 'a', color: 'red', kinds: ['point'] }] },
      })
      expect(bad.status).toBe(400)
      expect((await body<ErrorJson>(bad)).error.details![0]!.field).toBe('legend.0.color')
      const resident = await call(m.t.app, 'POST', '/api/maps', {
        cookie: m.people.resident,
        body: { title: 'x' },
      })
      expect(resident.status).toBe(403)
      expect((await call(m.t.app, 'POST', '/api/maps', { body: { title: 'x' } })).status).toBe(401)
    })
  })

  describe('visibility', () => {
    let priv: MapJson
    let unlisted: MapJson
    let pub: MapJson
    let participant: { token: string }
    let otherMapParticipant: { token: string }
    beforeAll(async () => {
      priv = await createMap(m, { title: 'Privata', visibility: 'private' })
      unlisted = await createMap(m, { title: 'Non in elenco', visibility: 'unlisted' })
      pub = await createMap(m, { title: 'Pubblica', visibility: 'public' })
      participant = await join(m, priv.id, 'Lucia')
      otherMapParticipant = await join(m, unlisted.id, 'Marco')
      for (const map of [priv, unlisted, pub]) {
        await draw(m, fac, map.id, { kind: 'point', symbol: 'casa', geometry: point(7.68, 45.07) })
      }
    })

    const listed = async (cookie?: string) => {
      const res = await call(m.t.app, 'GET', '/api/maps?limit=1000', { cookie })
      expect(res.status).toBe(200)
      const fc = await body<{ features: { id: string }[] }>(res)
      return fc.features.map((f) => f.id)
    }

    it('lists only public maps, to everyone, the owner included', async () => {
      for (const cookie of [undefined, m.people.resident, m.people.facilitator, m.people.admin]) {
        const ids = await listed(cookie)
        expect(ids).toContain(pub.id)
        expect(ids).not.toContain(priv.id)
        expect(ids).not.toContain(unlisted.id)
      }
    })

    it('opens unlisted and public maps by id to anyone, private ones to the group only', async () => {
      const status = async (id: string, who: { token?: string; cookie?: string } | null) =>
        (await callAs(m, who, 'GET', `/api/maps/${id}`)).status
      expect(await status(pub.id, null)).toBe(200)
      expect(await status(unlisted.id, null)).toBe(200)
      expect(await status(priv.id, null)).toBe(404)
      expect(await status(priv.id, { cookie: m.people.resident })).toBe(404)
      expect(await status(priv.id, { cookie: m.people.otherFacilitator })).toBe(404)
      // A participant of another map does not get in with that map's token.
      expect(await status(priv.id, otherMapParticipant)).toBe(404)
      expect(await status(priv.id, participant)).toBe(200)
      expect(await status(priv.id, fac)).toBe(200)
      expect(await status(priv.id, { cookie: m.people.moderator })).toBe(200)
      expect(await status(priv.id, { cookie: m.people.admin })).toBe(200)
      for (const path of ['features', 'export.geojson', 'events']) {
        expect((await call(m.t.app, 'GET', `/api/maps/${priv.id}/${path}`)).status).toBe(404)
      }
    })

    it('tells each caller what they may do, and shows the join code to managers only', async () => {
      const asParticipant = await body<MapJson>(
        await callAs(m, participant, 'GET', `/api/maps/${priv.id}`),
      )
      expect(asParticipant.me).toMatchObject({
        role: 'participant',
        canDraw: true,
        canManage: false,
      })
      expect(asParticipant.join).toBeNull()
      const visitor = await body<MapJson>(await call(m.t.app, 'GET', `/api/maps/${unlisted.id}`))
      expect(visitor.me).toMatchObject({ role: 'visitor', canDraw: false })
      expect(visitor.join).toBeNull()
      const owner = await body<MapJson>(await callAs(m, fac, 'GET', `/api/maps/${priv.id}`))
      expect(owner.join?.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/)
    })

    it('lists a facilitator’s own maps, private ones included, under /mine', async () => {
      const mine = await body<{ maps: MapJson[] }>(
        await call(m.t.app, 'GET', '/api/maps/mine', { cookie: m.people.facilitator }),
      )
      expect(mine.maps.map((x) => x.id)).toEqual(expect.arrayContaining([priv.id, unlisted.id]))
      const others = await body<{ maps: MapJson[] }>(
        await call(m.t.app, 'GET', '/api/maps/mine', { cookie: m.people.otherFacilitator }),
      )
      expect(others.maps.map((x) => x.id)).not.toContain(priv.id)
    })

    it('leaves the list when a public map becomes unlisted', async () => {
      const map = await createMap(m, { visibility: 'public' })
      expect(await listed()).toContain(map.id)
      const res = await callAs(m, fac, 'PATCH', `/api/maps/${map.id}`, {
        body: { version: map.version, visibility: 'unlisted' },
      })
      expect(res.status).toBe(200)
      expect(await listed()).not.toContain(map.id)
    })

    it('lets only the owner (and admins) change a map', async () => {
      const res = await call(m.t.app, 'PATCH', `/api/maps/${unlisted.id}`, {
        cookie: m.people.otherFacilitator,
        body: { version: 1, title: 'Presa' },
      })
      expect(res.status).toBe(403)
    })
  })

  describe('joining', () => {
    let map: MapJson
    beforeAll(async () => {
      map = await createMap(m, { title: 'Incontro al Barrito', visibility: 'private' })
    })

    it('joins by invitation link, with a cookie scoped to the API', async () => {
      const link = await call(m.t.app, 'POST', `/api/maps/${map.id}/link`, {
        cookie: m.people.facilitator,
      })
      expect(link.status).toBe(201)
      const { token } = await body<{ token: string }>(link)
      const check = await call(m.t.app, 'POST', '/api/maps/join/check', { body: { token } })
      expect((await body<{ map: { title: string } }>(check)).map.title).toBe('Incontro al Barrito')
      const res = await call(m.t.app, 'POST', '/api/maps/join', {
        body: { token, pseudonym: 'Anna' },
      })
      expect(res.status).toBe(201)
      const cookie = res.headers.getSetCookie().find((h) => h.startsWith(`intrecci_map_${map.id}=`))
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/Path=\/api/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      const drawn = await callAs(
        m,
        { cookie: cookie!.split(';')[0]! },
        'POST',
        `/api/maps/${map.id}/features`,
        {
          body: { kind: 'point', symbol: 'memoria', geometry: point(7.69, 45.06) },
        },
      )
      expect(drawn.status).toBe(201)
      const author = (await body<FeatureJson>(drawn)).properties.author
      expect(author).toMatchObject({ kind: 'participant', name: 'Anna' })
      // A new link replaces the old one.
      await call(m.t.app, 'POST', `/api/maps/${map.id}/link`, { cookie: m.people.facilitator })
      const stale = await call(m.t.app, 'POST', '/api/maps/join', {
        body: { token, pseudonym: 'Bruno' },
      })
      expect(stale.status).toBe(404)
    })

    it('joins by the code on screen, typed in any case and with a dash', async () => {
      const res = await call(m.t.app, 'POST', `/api/maps/${map.id}/code`, {
        cookie: m.people.facilitator,
        body: { hours: 2 },
      })
      const { code } = await body<{ code: string }>(res)
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/)
      const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`
      const joined = await call(m.t.app, 'POST', '/api/maps/join', {
        body: { code: typed, pseudonym: 'Carla' },
      })
      expect(joined.status).toBe(201)
      const taken = await call(m.t.app, 'POST', '/api/maps/join', {
        body: { code, pseudonym: 'carla' },
      })
      expect(taken.status).toBe(409)
      expect((await body<ErrorJson>(taken)).error.details![0]!.field).toBe('pseudonym')
      // Turned off, the code opens nothing.
      await call(m.t.app, 'DELETE', `/api/maps/${map.id}/code`, { cookie: m.people.facilitator })
      const off = await call(m.t.app, 'POST', '/api/maps/join', {
        body: { code, pseudonym: 'Dario' },
      })
      expect(off.status).toBe(404)
    })

    it('limits guessing codes per address: 10 wrong ones, then 429', async () => {
      const guess = (code: string) =>
        m.t.app.request(
          '/api/maps/join/check',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: 'http://localhost' },
            body: JSON.stringify({ code }),
          },
          bindings('203.0.113.77'),
        )
      const codes = [
        'AAAAAA',
        'BBBBBB',
        'CCCCCC',
        'DDDDDD',
        'EEEEEE',
        'FFFFFF',
        'GGGGGG',
        'HHHHHH',
        'JJJJJJ',
        'KKKKKK',
      ]
      for (const code of codes) expect((await guess(code)).status).toBe(404)
      const blocked = await guess('MMMMMM')
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      // Another address is not affected.
      const other = await call(m.t.app, 'POST', '/api/maps/join/check', {
        body: { code: 'NNNNNN' },
        address: '203.0.113.78',
      })
      expect(other.status).toBe(404)
    })

    it('shows the group to its members only', async () => {
      const member = await join(m, map.id, 'Elena')
      const list = await callAs(m, member, 'GET', `/api/maps/${map.id}/participants`)
      expect(list.status).toBe(200)
      const names = (await body<{ participants: { pseudonym: string }[] }>(list)).participants
      expect(names.map((p) => p.pseudonym)).toEqual(
        expect.arrayContaining(['Anna', 'Carla', 'Elena']),
      )
      const pub = await createMap(m, { visibility: 'public' })
      expect((await call(m.t.app, 'GET', `/api/maps/${pub.id}/participants`)).status).toBe(403)
    })
  })

  describe('removing a participant', () => {
    it('takes away their write access at once', async () => {
      const map = await createMap(m, { visibility: 'unlisted' })
      const p = await join(m, map.id, 'Franco')
      const drawn = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.08),
      })
      const other = await call(
        m.t.app,
        'DELETE',
        `/api/maps/${map.id}/participants/${p.participantId}`,
        {
          cookie: m.people.otherFacilitator,
        },
      )
      expect(other.status).toBe(403)
      const removed = await call(
        m.t.app,
        'DELETE',
        `/api/maps/${map.id}/participants/${p.participantId}`,
        {
          cookie: m.people.facilitator,
        },
      )
      expect(removed.status).toBe(204)
      const after = await callAs(m, p, 'POST', `/api/maps/${map.id}/features`, {
        body: { kind: 'point', symbol: 'casa', geometry: point(7.7, 45.08) },
      })
      expect(after.status).toBe(403)
      expect((await body<ErrorJson>(after)).error.code).toBe('not_a_participant')
      const edit = await callAs(m, p, 'PATCH', `/api/maps/${map.id}/features/${drawn.id}`, {
        body: { version: 1, title: 'dopo' },
      })
      expect(edit.status).toBe(403)
      // What they drew stays, under their pseudonym.
      const kept = await call(m.t.app, 'GET', `/api/maps/${map.id}/features/${drawn.id}`)
      expect((await body<FeatureJson>(kept)).properties.author.name).toBe('Franco')
    })

    it('shuts them out of a private map entirely', async () => {
      const map = await createMap(m, { visibility: 'private' })
      const p = await join(m, map.id, 'Gina')
      expect((await callAs(m, p, 'GET', `/api/maps/${map.id}`)).status).toBe(200)
      await call(m.t.app, 'DELETE', `/api/maps/${map.id}/participants/${p.participantId}`, {
        cookie: m.people.facilitator,
      })
      expect((await callAs(m, p, 'GET', `/api/maps/${map.id}`)).status).toBe(404)
    })
  })

  describe('drawing and versions', () => {
    let map: MapJson
    let p: { token: string }
    let q: { token: string }
    beforeAll(async () => {
      map = await createMap(m, { visibility: 'public' })
      p = await join(m, map.id, 'Ivo')
      q = await join(m, map.id, 'Jole')
    })

    it('stores points, lines, polygons and labels, rounded to 7 decimals', async () => {
      const pt = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'casa',
        title: 'Il cortile',
        geometry: point(7.6834567891, 45.0712345678),
      })
      expect(pt.geometry.coordinates).toEqual([7.6834568, 45.0712346])
      expect(pt.properties.version).toBe(1)
      await draw(m, p, map.id, {
        kind: 'line',
        symbol: 'percorso',
        mode: 'freehand',
        geometry: line([7.68, 45.07], [7.681, 45.071], [7.683, 45.07]),
      })
      await draw(m, p, map.id, {
        kind: 'polygon',
        symbol: 'manca',
        mode: 'circle',
        geometry: square(7.69, 45.06),
      })
      const label = await draw(m, p, map.id, {
        kind: 'label',
        symbol: 'scritta',
        title: 'Qui c’era il mercato',
        geometry: point(7.685, 45.065),
      })
      expect(label.properties.kind).toBe('label')
    })

    it('refuses a stale edit with 409 and the current feature, never overwriting', async () => {
      const f = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'memoria',
        title: 'Forno',
        geometry: point(7.7, 45.07),
      })
      const first = await callAs(m, p, 'PATCH', `/api/maps/${map.id}/features/${f.id}`, {
        body: { version: 1, title: 'Il vecchio forno' },
      })
      expect(first.status).toBe(200)
      expect((await body<FeatureJson>(first)).properties.version).toBe(2)
      const late = await callAs(m, q, 'PATCH', `/api/maps/${map.id}/features/${f.id}`, {
        body: { version: 1, title: 'La panetteria', geometry: point(7.71, 45.07) },
      })
      expect(late.status).toBe(409)
      const conflict = await body<ErrorJson>(late)
      expect(conflict.error.code).toBe('version_conflict')
      expect(conflict.current!.properties).toMatchObject({ version: 2, title: 'Il vecchio forno' })
      const now = await body<FeatureJson>(
        await call(m.t.app, 'GET', `/api/maps/${map.id}/features/${f.id}`),
      )
      expect(now.properties.title).toBe('Il vecchio forno')
      expect(now.geometry.coordinates).toEqual([7.7, 45.07])
      // Merged and retried on the current version, it goes through.
      const retry = await callAs(m, q, 'PATCH', `/api/maps/${map.id}/features/${f.id}`, {
        body: { version: 2, geometry: point(7.71, 45.07) },
      })
      expect(retry.status).toBe(200)
    })

    it('refuses a stale delete with 409, and deletes on the current version', async () => {
      const f = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.08),
      })
      await callAs(m, q, 'PATCH', `/api/maps/${map.id}/features/${f.id}`, {
        body: { version: 1, note: 'n' },
      })
      const stale = await callAs(m, p, 'DELETE', `/api/maps/${map.id}/features/${f.id}?version=1`)
      expect(stale.status).toBe(409)
      expect((await body<ErrorJson>(stale)).current!.properties.note).toBe('n')
      const gone = await callAs(m, p, 'DELETE', `/api/maps/${map.id}/features/${f.id}?version=2`)
      expect(gone.status).toBe(204)
      expect((await call(m.t.app, 'GET', `/api/maps/${map.id}/features/${f.id}`)).status).toBe(404)
      const noVersion = await callAs(m, p, 'DELETE', `/api/maps/${map.id}/features/${f.id}`)
      expect(noVersion.status).toBe(400)
    })

    it('needs the version on every edit', async () => {
      const f = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.09),
      })
      const res = await callAs(m, p, 'PATCH', `/api/maps/${map.id}/features/${f.id}`, {
        body: { title: 'x' },
      })
      expect(res.status).toBe(400)
      expect((await body<ErrorJson>(res)).error.details![0]!.field).toBe('version')
    })

    it.each([
      [
        'a symbol not in the legend',
        { kind: 'point', symbol: 'nessuno', geometry: point(7.7, 45.07) },
        422,
        'symbol',
      ],
      [
        'a symbol for another kind',
        { kind: 'point', symbol: 'percorso', geometry: point(7.7, 45.07) },
        422,
        'symbol',
      ],
      [
        'a line sent as a point',
        { kind: 'line', symbol: 'percorso', geometry: point(7.7, 45.07) },
        400,
        'geometry.type',
      ],
      [
        'a label without text',
        { kind: 'label', symbol: 'scritta', geometry: point(7.7, 45.07) },
        400,
        'title',
      ],
      [
        'a point in Rome',
        { kind: 'point', symbol: 'casa', geometry: point(12.49, 41.89) },
        422,
        'geometry.coordinates',
      ],
      [
        'a bow-tie polygon',
        {
          kind: 'polygon',
          symbol: 'casa',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [7.68, 45.07],
                [7.69, 45.08],
                [7.69, 45.07],
                [7.68, 45.08],
                [7.68, 45.07],
              ],
            ],
          },
        },
        422,
        'geometry',
      ],
    ])('refuses %s naming the field', async (_name, feature, status, field) => {
      const res = await callAs(m, p, 'POST', `/api/maps/${map.id}/features`, { body: feature })
      expect(res.status).toBe(status)
      expect((await body<ErrorJson>(res)).error.details![0]!.field).toMatch(new RegExp(`^${field}`))
    })

    it('lets visitors look but not draw', async () => {
      const res = await call(m.t.app, 'POST', `/api/maps/${map.id}/features`, {
        body: { kind: 'point', symbol: 'casa', geometry: point(7.7, 45.07) },
      })
      expect(res.status).toBe(403)
      const list = await call(m.t.app, 'GET', `/api/maps/${map.id}/features`)
      const fc = await body<{ seq: number; features: FeatureJson[] }>(list)
      expect(fc.features.length).toBeGreaterThan(3)
      expect(fc.seq).toBeGreaterThan(0)
    })

    it('keeps a symbol in use in the legend', async () => {
      const current = await body<MapJson>(await callAs(m, fac, 'GET', `/api/maps/${map.id}`))
      const res = await callAs(m, fac, 'PATCH', `/api/maps/${map.id}`, {
        body: { version: current.version, legend: current.legend.filter((s) => s.key !== 'casa') },
      })
      expect(res.status).toBe(409)
      expect((await body<ErrorJson>(res)).error.code).toBe('symbol_in_use')
    })
  })

  describe('limits', () => {
    it('refuses a drawing of more than 2,000 vertices with a clear message', async () => {
      const map = await createMap(m)
      const coords = Array.from(
        { length: 2001 },
        (_, i) => [7.6 + i * 0.00005, 45.07] as [number, number],
      )
      const res = await callAs(m, fac, 'POST', `/api/maps/${map.id}/features`, {
        body: { kind: 'line', symbol: 'percorso', geometry: line(...coords) },
      })
      expect(res.status).toBe(422)
      const e = await body<ErrorJson>(res)
      expect(e.error.code).toBe('too_many_vertices')
      expect(e.error.message).toMatch(/2001 vertices.*2000/)
      const ok = await callAs(m, fac, 'POST', `/api/maps/${map.id}/features`, {
        body: { kind: 'line', symbol: 'percorso', geometry: line(...coords.slice(0, 2000)) },
      })
      expect(ok.status).toBe(201)
    })

    it('refuses the 5,001st feature of a map, and keeps 5,000', async () => {
      const map = await createMap(m)
      await sql`insert into map_features (map_id, kind, symbol, geom)
        select ${map.id}::uuid, 'point', 'casa', ST_SetSRID(ST_MakePoint(7.6 + i * 0.00001, 45.07), 4326)
        from generate_series(1, 5000) as i`.execute(m.t.database.db)
      const res = await callAs(m, fac, 'POST', `/api/maps/${map.id}/features`, {
        body: { kind: 'point', symbol: 'casa', geometry: point(7.7, 45.07) },
      })
      expect(res.status).toBe(422)
      const e = await body<ErrorJson>(res)
      expect(e.error.code).toBe('too_many_features')
      expect(e.error.message).toMatch(/5000/)
      const now = await body<MapJson>(await callAs(m, fac, 'GET', `/api/maps/${map.id}`))
      expect(now.featureCount).toBe(5000)
    })
  })

  describe('write limits', () => {
    it('counts each participant on their own, not the Wi-Fi they share', async () => {
      // The same data, with visitors allowed 2 writes a minute per address.
      const app = createApp({
        db: m.t.database.db,
        dbKind: m.t.database.kind,
        config: parseConfig({
          BASEMAP_STYLE_URL: 'offline',
          DATA_DIR: m.dataDir,
          RATE_LIMIT_ANON_WRITES: '2',
        }),
      })
      const map = await createMap(m, { visibility: 'public' })
      const a = await join(m, map.id, 'Rita')
      const b = await join(m, map.id, 'Sara')
      for (const who of [a, b]) {
        for (let i = 0; i < 4; i++) {
          const res = await call(app, 'POST', `/api/maps/${map.id}/features`, {
            headers: { 'x-map-token': who.token },
            body: { kind: 'point', symbol: 'casa', geometry: point(7.68 + i / 1000, 45.07) },
          })
          expect(res.status).toBe(201)
        }
      }
      // A visitor from that address (or a made-up token) is held to the visitors' limit.
      const statuses = []
      for (let i = 0; i < 3; i++) {
        const res = await call(app, 'POST', `/api/maps/${map.id}/features`, {
          headers: { 'x-map-token': 'A'.repeat(43) },
          body: { kind: 'point', symbol: 'casa', geometry: point(7.68, 45.07) },
        })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([403, 403, 429])
    })
  })

  describe('erasure', () => {
    it('keeps a facilitator’s drawings without their name, in the tables and the change log', async () => {
      const db = m.t.database.db
      const name = 'Ottavia Facilitatrice Unica'
      const user = await makeUser(db, 'facilitator', { displayName: name })
      const who = { cookie: await cookieFor(db, user.id) }
      const map = await createMap(m, { visibility: 'public' }, who.cookie)
      const f = await draw(m, who, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.07),
      })
      expect(f.properties.author.name).toBe(name)
      const holding = async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from map_changes t
          where strpos(t::text, ${name}) > 0`.execute(db)
        return r.rows[0]!.n
      }
      expect(await holding()).toBeGreaterThan(0)
      const erased = await call(m.t.app, 'DELETE', `/api/users/${user.id}`, {
        cookie: m.people.admin,
      })
      expect(erased.status).toBe(200)
      expect(await holding()).toBe(0)
      const kept = await body<FeatureJson>(
        await call(m.t.app, 'GET', `/api/maps/${map.id}/features/${f.id}`),
      )
      expect(kept.properties.author).toEqual({ kind: 'user', id: null, name: null })
    })
  })

  describe('moderation and comments', () => {
    it('hides a drawing a moderator hides, from everyone but the map’s managers', async () => {
      const map = await createMap(m, { visibility: 'public' })
      const f = await draw(m, fac, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.07),
      })
      const hide = await call(m.t.app, 'POST', `/api/moderation/map_feature/${f.id}/hide`, {
        cookie: m.people.moderator,
        body: { reason: 'dati personali nel titolo' },
      })
      expect(hide.status).toBe(200)
      expect((await call(m.t.app, 'GET', `/api/maps/${map.id}/features/${f.id}`)).status).toBe(404)
      const owner = await callAs(m, fac, 'GET', `/api/maps/${map.id}/features/${f.id}`)
      expect((await body<FeatureJson>(owner)).properties.status).toBe('hidden')
    })

    it('takes comments on a map and its drawings: the group’s at once, visitors’ moderated', async () => {
      const map = await createMap(m, { visibility: 'public' })
      const p = await join(m, map.id, 'Kiki')
      const f = await draw(m, p, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.7, 45.07),
      })
      const mine = await callAs(m, p, 'POST', '/api/comments', {
        body: {
          target: { kind: 'map_feature', id: f.id },
          text: 'Ci giocavo da bambina',
          reaction: 'memory',
        },
      })
      expect(mine.status).toBe(201)
      expect(await body(mine)).toMatchObject({
        status: 'published',
        author: { name: 'Kiki', pseudonym: true },
      })
      const visitor = await call(m.t.app, 'POST', '/api/comments', {
        body: { target: { kind: 'map', id: map.id }, text: 'Bella mappa', pseudonym: 'Passante' },
      })
      expect((await body(visitor)).status).toBe('pending')
      const list = await call(
        m.t.app,
        'GET',
        `/api/comments?targetKind=map_feature&targetId=${f.id}`,
      )
      const items = (await body<{ items: { text: string }[] }>(list)).items
      expect(items.map((i) => i.text)).toEqual(['Ci giocavo da bambina'])
      const priv = await createMap(m, { visibility: 'private' })
      const outsider = await call(m.t.app, 'POST', '/api/comments', {
        body: { target: { kind: 'map', id: priv.id }, text: 'Ciao', pseudonym: 'Estraneo' },
      })
      expect(outsider.status).toBe(404)
    })
  })
})
