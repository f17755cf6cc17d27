// Shared by the tests/api/maps*.test.ts files: an app over a test database of the backend asked
// for, with photos in a temporary DATA_DIR, people of each role, and the usual calls on maps.
import fs from 'node:fs'
import { expect } from 'vitest'
import type { Backend } from '../helpers/db.ts'
import { testApp, type TestApp } from '../helpers/app.ts'
import { tempDir } from '../helpers/server.ts'
import { call, cookieFor, makeUser, type CallOptions } from './auth-fixtures.ts'

export type Position = [number, number]
export const point = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as Position,
})
export const line = (...coordinates: Position[]) => ({ type: 'LineString' as const, coordinates })
/** A square of side `d` degrees with its south-west corner at lon, lat. */
export const square = (lon: number, lat: number, d = 0.001) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ] as Position[],
  ],
})

export interface People {
  facilitator: string
  otherFacilitator: string
  admin: string
  moderator: string
  resident: string
}

export interface MapsTest {
  t: TestApp
  dataDir: string
  people: People
  close(): Promise<void>
}

export async function mapsTestApp(backend: Backend, env: Record<string, string> = {}) {
  const dataDir = tempDir('intrecci-maps-')
  const t = await testApp({
    backend,
    env: {
      DATA_DIR: dataDir,
      RATE_LIMIT_ANON_WRITES: '0',
      RATE_LIMIT_USER_WRITES: '0',
      RATE_LIMIT_CLIENT_WRITES: '0',
      ...env,
    },
  })
  const db = t.database.db
  const person = async (role: Parameters<typeof makeUser>[1]) =>
    cookieFor(db, (await makeUser(db, role)).id)
  const people: People = {
    facilitator: await person('facilitator'),
    otherFacilitator: await person('facilitator'),
    admin: await person('admin'),
    moderator: await person('moderator'),
    resident: await person('resident'),
  }
  return {
    t,
    dataDir,
    people,
    async close() {
      await t.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  } satisfies MapsTest
}

export interface MapJson {
  id: string
  title: string
  visibility: string
  status: string
  seq: number
  version: number
  featureCount: number
  legend: { key: string; label: string; color: string; emoji: string | null; kinds: string[] }[]
  me: { role: string; participantId: string | null; canDraw: boolean; canManage: boolean }
  join: { code: string | null; linkActive: boolean } | null
}

export interface FeatureJson {
  type: 'Feature'
  id: string
  geometry: { type: string; coordinates: unknown }
  properties: {
    kind: string
    symbol: string
    title: string | null
    note: string | null
    story: string | null
    version: number
    status: string
    author: { kind: string; id: string | null; name: string | null }
    photos: { id: string; url: string; thumbUrl: string; width: number; height: number }[]
  }
}

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

export async function createMap(
  m: MapsTest,
  fields: Record<string, unknown> = {},
  cookie = m.people.facilitator,
): Promise<MapJson> {
  const res = await call(m.t.app, 'POST', '/api/maps', {
    cookie,
    body: { title: 'Mappa di Borgo Po', ...fields },
  })
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201)
  return body<MapJson>(res)
}

/** A participant joined by a fresh code; returns the participant token (X-Map-Token). */
export async function join(
  m: MapsTest,
  mapId: string,
  pseudonym: string,
  cookie = m.people.facilitator,
): Promise<{ token: string; participantId: string }> {
  const code = await call(m.t.app, 'POST', `/api/maps/${mapId}/code`, { cookie, body: {} })
  expect(code.status).toBe(201)
  const res = await call(m.t.app, 'POST', '/api/maps/join', {
    body: { code: (await body<{ code: string }>(code)).code, pseudonym },
  })
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201)
  const b = await body<{ token: string; participant: { id: string } }>(res)
  return { token: b.token, participantId: b.participant.id }
}

export const asParticipant = (token: string): CallOptions => ({
  headers: { 'x-map-token': token },
})

/** Calls as a participant (token), a cookie holder, or a visitor. */
export function callAs(
  m: MapsTest,
  who: { token?: string; cookie?: string } | null,
  method: string,
  path: string,
  o: CallOptions = {},
) {
  const headers = { ...o.headers, ...(who?.token ? { 'x-map-token': who.token } : {}) }
  return call(m.t.app, method, path, { ...o, cookie: who?.cookie, headers })
}

export async function draw(
  m: MapsTest,
  who: { token?: string; cookie?: string },
  mapId: string,
  feature: Record<string, unknown>,
): Promise<FeatureJson> {
  const res = await callAs(m, who, 'POST', `/api/maps/${mapId}/features`, { body: feature })
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201)
  return body<FeatureJson>(res)
}
