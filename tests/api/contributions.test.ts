// GET /api/me/contributions: a person's own places, comments and resources in every status,
// newest first, never anyone else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { putModerationSettings } from '../../api/moderation/settings.repository.ts'
import { authTestApp, call, cookieFor, json, makeUser, type AuthTestApp } from './auth-fixtures.ts'

interface Contributions {
  places: {
    type: string
    features: { id: string; properties: { name: string; status: string; own: boolean } }[]
  }
  comments: { id: string; text: string; status: string; targetTitle: string; own: boolean }[]
  resources: { type: string; features: { id: string; properties: { name: string } }[] }
}

let t: AuthTestApp
let resident = ''
let other = ''
let moderator = ''
let antenna = ''
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  resident = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  other = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  moderator = await cookieFor(t.db, (await makeUser(t.db, 'moderator')).id)
  antenna = await cookieFor(t.db, (await makeUser(t.db, 'antenna')).id)
})
afterAll(() => t?.close())

const point = { type: 'Point', coordinates: [7.6869, 45.0703] }

async function addPlace(name: string, cookie: string) {
  const res = await call(t.app, 'POST', '/api/places', {
    cookie,
    body: { category: 'orto_giardino', name, geometry: point },
  })
  expect(res.status).toBe(201)
  return (await json<{ id: string }>(res)).id
}

async function mine(cookie: string) {
  const res = await call(t.app, 'GET', '/api/me/contributions', { cookie })
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return json<Contributions>(res)
}

describe('GET /api/me/contributions', () => {
  it('asks visitors to sign in', async () => {
    const res = await call(t.app, 'GET', '/api/me/contributions')
    expect(res.status).toBe(401)
  })

  it('lists only my own places, pending and published, newest first', async () => {
    const published = await addPlace('Orto di via Baltea', resident)
    await putModerationSettings(t.db, { residentsPublishDirectly: false })
    const pending = await addPlace('Giardino di piazza Livio Bianco', resident)
    await putModerationSettings(t.db, { residentsPublishDirectly: true })
    await addPlace('Orto di qualcun altro', other)

    const { places } = await mine(resident)
    expect(places.type).toBe('FeatureCollection')
    expect(places.features.map((f) => [f.id, f.properties.status])).toEqual([
      [pending, 'pending'],
      [published, 'published'],
    ])
    expect(places.features.every((f) => f.properties.own)).toBe(true)
    // Pending places are not public: the author still finds theirs here.
    const list = await call(t.app, 'GET', '/api/places?status=pending', { cookie: other })
    expect(JSON.stringify(await list.json())).not.toContain(pending)
  })

  it('shows a rejected place to its author with its new status', async () => {
    await putModerationSettings(t.db, { residentsPublishDirectly: false })
    const id = await addPlace('Un posto da rivedere', resident)
    await putModerationSettings(t.db, { residentsPublishDirectly: true })
    const res = await call(t.app, 'POST', `/api/moderation/place/${id}/reject`, {
      cookie: moderator,
      body: { reason: 'duplicato' },
    })
    expect(res.status).toBe(200)
    const { places } = await mine(resident)
    expect(places.features.find((f) => f.id === id)?.properties.status).toBe('rejected')
  })

  it('lists my comments with the title of what they are on', async () => {
    const placeId = await addPlace('Casa del quartiere di Barriera', other)
    const res = await call(t.app, 'POST', '/api/comments', {
      cookie: resident,
      body: { target: { kind: 'place', id: placeId }, text: 'Ci vado ogni giovedì' },
    })
    expect(res.status).toBe(201)
    await call(t.app, 'POST', '/api/comments', {
      cookie: other,
      body: { target: { kind: 'place', id: placeId }, text: 'Il commento di un altro' },
    })
    const { comments } = await mine(resident)
    expect(comments.map((c) => [c.text, c.targetTitle, c.own])).toEqual([
      ['Ci vado ogni giovedì', 'Casa del quartiere di Barriera', true],
    ])
    expect((await mine(other)).comments.map((c) => c.text)).toEqual(['Il commento di un altro'])
  })

  it('lists the resources a staff member added', async () => {
    const res = await call(t.app, 'POST', '/api/resources', {
      cookie: antenna,
      body: {
        name: 'Sportello lavoro di quartiere',
        themes: ['work'],
        geometry: point,
      },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const { resources, places } = await mine(antenna)
    expect(resources.features.map((f) => f.properties.name)).toEqual([
      'Sportello lavoro di quartiere',
    ])
    expect(places.features).toEqual([])
  })
})
