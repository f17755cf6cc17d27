// The live stream of a map (GET /api/maps/{id}/events, Server-Sent Events): every change in
// order with an increasing seq, resumable with Last-Event-ID with no loss and no duplicates,
// and only to those who may read the map. On PGlite, and on the PostGIS server when
// DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '../helpers/db.ts'
import { SseReader } from '../helpers/sse.ts'
import { call } from './auth-fixtures.ts'
import {
  body,
  callAs,
  createMap,
  draw,
  join,
  mapsTestApp,
  point,
  type FeatureJson,
  type MapJson,
  type MapsTest,
} from './maps-fixtures.ts'

interface Change {
  seq: number
  type: string
  feature?: FeatureJson
  featureId?: string
  map?: { visibility: string }
  participantId?: string
}

describe.each(backends())('live map stream on %s', (backend) => {
  let m: MapsTest
  const streams: SseReader[] = []
  beforeAll(async () => {
    m = await mapsTestApp(backend)
  })
  afterAll(async () => {
    for (const s of streams) await s.close()
    await m?.close()
  })

  async function open(
    mapId: string,
    who: { token?: string; cookie?: string } | null = null,
    from: { lastEventId?: string; after?: number } = {},
  ) {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (from.lastEventId !== undefined) headers['last-event-id'] = from.lastEventId
    const query = from.after !== undefined ? `?after=${from.after}` : ''
    const res = await callAs(m, who, 'GET', `/api/maps/${mapId}/events${query}`, { headers })
    return res
  }
  async function stream(...args: Parameters<typeof open>) {
    const res = await open(...args)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const s = new SseReader(res.body!)
    streams.push(s)
    // The stream's starting point is fixed once `hello` is out: catch-up follows, then `ready`.
    await s.nextOf('hello')
    return s
  }
  const changes = async (s: SseReader, n: number) => {
    const out: { id: string; change: Change }[] = []
    while (out.length < n) {
      const e = await s.nextOf('change')
      out.push({ id: e.id!, change: JSON.parse(e.data) as Change })
    }
    return out
  }

  it('carries every change of a map in order, each with a larger seq', async () => {
    const map = await createMap(m, { visibility: 'private' })
    const a = await join(m, map.id, 'Ada')
    const s = await stream(map.id, a)
    const got: Awaited<ReturnType<typeof changes>> = []
    const f1 = await draw(m, a, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.68, 45.07),
    })
    got.push(...(await changes(s, 1)))
    const f2 = await draw(m, a, map.id, {
      kind: 'point',
      symbol: 'memoria',
      geometry: point(7.69, 45.07),
    })
    got.push(...(await changes(s, 1)))
    await callAs(m, a, 'PATCH', `/api/maps/${map.id}/features/${f1.id}`, {
      body: { version: 1, title: 'Casa di Ada' },
    })
    got.push(...(await changes(s, 1)))
    await callAs(m, a, 'DELETE', `/api/maps/${map.id}/features/${f2.id}?version=1`)
    got.push(...(await changes(s, 1)))
    expect(got.map((g) => g.change.type)).toEqual([
      'feature.created',
      'feature.created',
      'feature.updated',
      'feature.deleted',
    ])
    const seqs = got.map((g) => g.change.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(new Set(seqs).size).toBe(4)
    expect(got.map((g) => Number(g.id))).toEqual(seqs)
    expect(got[2]!.change.feature!.properties).toMatchObject({ title: 'Casa di Ada', version: 2 })
    expect(got[3]!.change.featureId).toBe(f2.id)
  })

  it('shows one participant’s drawing to another without reloading', async () => {
    const map = await createMap(m, { visibility: 'public' })
    const a = await join(m, map.id, 'Bea')
    const b = await join(m, map.id, 'Ciro')
    const watching = await stream(map.id, b)
    const visitor = await stream(map.id)
    const drawn = await draw(m, a, map.id, {
      kind: 'polygon',
      symbol: 'manca',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [7.68, 45.07],
            [7.681, 45.07],
            [7.681, 45.071],
            [7.68, 45.071],
            [7.68, 45.07],
          ],
        ],
      },
    })
    for (const s of [watching, visitor]) {
      const [got] = await changes(s, 1)
      expect(got!.change.feature!.id).toBe(drawn.id)
      expect(got!.change.feature!.properties.author.name).toBe('Bea')
    }
  })

  it('resumes from Last-Event-ID with no change lost and none repeated', async () => {
    const map = await createMap(m, { visibility: 'unlisted' })
    const a = await join(m, map.id, 'Dora')
    const { seq: start } = await body<MapJson>(await call(m.t.app, 'GET', `/api/maps/${map.id}`))
    const first = await stream(map.id, null, { after: start })
    const drawn: string[] = []
    for (let i = 0; i < 3; i++) {
      const f = await draw(m, a, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.68 + i / 1000, 45.07),
      })
      drawn.push(f.id)
    }
    const seen = await changes(first, 2)
    // The connection drops after two events; meanwhile four more drawings are made.
    await first.close()
    for (let i = 3; i < 7; i++) {
      const f = await draw(m, a, map.id, {
        kind: 'point',
        symbol: 'casa',
        geometry: point(7.68 + i / 1000, 45.07),
      })
      drawn.push(f.id)
    }
    const resumed = await stream(map.id, null, { lastEventId: seen[1]!.id })
    const rest = await changes(resumed, 5)
    await resumed.nextOf('ready')
    const all = [...seen, ...rest].map((g) => g.change.feature!.id)
    expect(all).toEqual(drawn)
    const seqs = [...seen, ...rest].map((g) => g.change.seq)
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    await expect(resumed.nextOf('change', 300)).rejects.toThrow(/no event/)
    // ?after= does the same for a first connection opened after loading the features.
    const list = await body<{ seq: number; features: FeatureJson[] }>(
      await call(m.t.app, 'GET', `/api/maps/${map.id}/features`),
    )
    expect(list.features.map((f) => f.id)).toEqual(drawn)
    const fromList = await stream(map.id, null, { after: list.seq })
    const next = await draw(m, a, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.7, 45.08),
    })
    const [only] = await changes(fromList, 1)
    expect(only!.change.feature!.id).toBe(next.id)
  })

  it('gives a reader who fell behind only the deletion of a drawing deleted meanwhile', async () => {
    const map = await createMap(m, { visibility: 'public' })
    const fac = { cookie: m.people.facilitator }
    const { seq } = await body<MapJson>(await call(m.t.app, 'GET', `/api/maps/${map.id}`))
    const kept = await draw(m, fac, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.68, 45.07),
    })
    const gone = await draw(m, fac, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.69, 45.07),
    })
    await callAs(m, fac, 'DELETE', `/api/maps/${map.id}/features/${gone.id}?version=1`)
    const late = await stream(map.id, null, { after: seq })
    const got = await changes(late, 2)
    expect(got.map((g) => [g.change.type, g.change.feature?.id ?? g.change.featureId])).toEqual([
      ['feature.created', kept.id],
      ['feature.deleted', gone.id],
    ])
    await late.nextOf('ready')
  })

  it('starts at the present without Last-Event-ID, and says reset when the id is ahead', async () => {
    const map = await createMap(m, { visibility: 'public' })
    await draw(m, { cookie: m.people.facilitator }, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.68, 45.07),
    })
    const now = await stream(map.id)
    await expect(now.nextOf('change', 300)).rejects.toThrow(/no event/)
    const res = await open(map.id, null, { lastEventId: '999999' })
    const ahead = new SseReader(res.body!)
    streams.push(ahead)
    expect((await ahead.nextOf('reset')).data).toBe(JSON.stringify({ seq: 1 }))
    const bad = await open(map.id, null, { lastEventId: 'abc' })
    expect(bad.status).toBe(400)
  })

  it('does not open a private map’s stream to outsiders', async () => {
    const map = await createMap(m, { visibility: 'private' })
    expect((await open(map.id)).status).toBe(404)
    expect((await open(map.id, { cookie: m.people.resident })).status).toBe(404)
  })

  it('keeps the group’s own events (who joined) from visitors', async () => {
    const map = await createMap(m, { visibility: 'public' })
    const member = await join(m, map.id, 'Ezio')
    const asMember = await stream(map.id, member)
    const asVisitor = await stream(map.id)
    await join(m, map.id, 'Fede')
    const f = await draw(m, member, map.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.68, 45.07),
    })
    expect((await changes(asMember, 2)).map((g) => g.change.type)).toEqual([
      'participant.joined',
      'feature.created',
    ])
    const [first] = await changes(asVisitor, 1)
    expect(first!.change).toMatchObject({ type: 'feature.created', feature: { id: f.id } })
  })

  it('ends a removed participant’s stream on a private map', async () => {
    const map = await createMap(m, { visibility: 'private' })
    const p = await join(m, map.id, 'Gigi')
    const s = await stream(map.id, p)
    await call(m.t.app, 'DELETE', `/api/maps/${map.id}/participants/${p.participantId}`, {
      cookie: m.people.facilitator,
    })
    const [removed] = await changes(s, 1)
    expect(removed!.change).toMatchObject({
      type: 'participant.removed',
      participantId: p.participantId,
    })
    expect((await s.nextOf('revoked')).event).toBe('revoked')
    expect(await s.endsWithin(2000)).toBe(true)
  })

  it('ends a visitor’s stream when the map stops being visible to them', async () => {
    const map = await createMap(m, { visibility: 'public' })
    const s = await stream(map.id)
    const res = await call(m.t.app, 'PATCH', `/api/maps/${map.id}`, {
      cookie: m.people.facilitator,
      body: { version: map.version, visibility: 'private' },
    })
    expect(res.status).toBe(200)
    const [changed] = await changes(s, 1)
    expect(changed!.change.type).toBe('map.updated')
    await s.nextOf('revoked')
    expect(await s.endsWithin(2000)).toBe(true)
  })

  it('sends a hidden drawing’s removal, and replays no copy of it', async () => {
    const map = await createMap(m, { visibility: 'public' })
    const { seq } = await body<MapJson>(await call(m.t.app, 'GET', `/api/maps/${map.id}`))
    const f = await draw(m, { cookie: m.people.facilitator }, map.id, {
      kind: 'point',
      symbol: 'casa',
      title: 'Nome e cognome di qualcuno',
      geometry: point(7.68, 45.07),
    })
    await call(m.t.app, 'POST', `/api/moderation/map_feature/${f.id}/hide`, {
      cookie: m.people.moderator,
      body: { reason: 'dati personali' },
    })
    const replay = await stream(map.id, null, { after: seq })
    const [only] = await changes(replay, 1)
    expect(only!.change).toMatchObject({ type: 'feature.hidden', featureId: f.id })
    await expect(replay.nextOf('change', 300)).rejects.toThrow(/no event/)
  })
})
