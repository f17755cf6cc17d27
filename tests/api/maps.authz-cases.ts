// Own and others' maps for the routes of api/maps that act on a facilitator's map (read by
// tests/api/authz-matrix.test.ts): true when the caller acted on the owner's map.
import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { insertMap } from '../../api/maps/maps.repository.ts'
import { insertParticipant } from '../../api/maps/participants.repository.ts'
import { legendFromTemplate } from '../../api/maps/templates.ts'
import { call, cookieFor, type ObjectCase } from './auth-fixtures.ts'

type Ctx = Parameters<ObjectCase>[0]

const mapOf = (db: Ctx['db'], ownerId: string) =>
  insertMap(db, {
    title: 'Mappa di prova',
    description: null,
    meetingPlace: null,
    meetingPoint: null,
    metOn: null,
    language: 'it',
    visibility: 'private',
    legend: legendFromTemplate('libera', 'it')!,
    ownerId,
  })

/** A case calling `method path(mapId)` with `body`; `ok` is the status of a success. */
function mapCase(
  method: string,
  path: (mapId: string, ctx: Ctx) => Promise<string> | string,
  ok: number,
  body: unknown = {},
): ObjectCase {
  return async (ctx, caller, owner) => {
    const mapId = await mapOf(ctx.db, owner.id)
    const res = await call(ctx.app, method, await path(mapId, ctx), {
      body,
      cookie: await cookieFor(ctx.db, caller.id),
    })
    expect([ok, 403]).toContain(res.status)
    return res.status === ok
  }
}

const participantPath = async (mapId: string, ctx: Ctx) => {
  const p = await insertParticipant(ctx.db, {
    mapId,
    pseudonym: 'Prova',
    tokenHash: randomBytes(32).toString('hex'),
    joinedVia: 'code',
  })
  return `/api/maps/${mapId}/participants/${p.id}`
}

export const objectCases: Record<string, ObjectCase> = {
  'PATCH /api/maps/:id': mapCase('PATCH', (id) => `/api/maps/${id}`, 200, {
    version: 1,
    title: 'Rinominata',
  }),
  'DELETE /api/maps/:id': mapCase('DELETE', (id) => `/api/maps/${id}`, 204),
  'POST /api/maps/:id/code': mapCase('POST', (id) => `/api/maps/${id}/code`, 201),
  'DELETE /api/maps/:id/code': mapCase('DELETE', (id) => `/api/maps/${id}/code`, 204),
  'POST /api/maps/:id/link': mapCase('POST', (id) => `/api/maps/${id}/link`, 201),
  'DELETE /api/maps/:id/link': mapCase('DELETE', (id) => `/api/maps/${id}/link`, 204),
  'DELETE /api/maps/:id/participants/:participantId': mapCase('DELETE', participantPath, 204),
  'POST /api/maps/:id/import': mapCase('POST', (id) => `/api/maps/${id}/import`, 201, {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { symbol: 'segno' },
        geometry: { type: 'Point', coordinates: [7.68, 45.07] },
      },
    ],
  }),
}
