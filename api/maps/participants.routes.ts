// Joining a map (invitation link or the code on screen) with a pseudonym and no account, the
// group's list, and removal by the facilitator. Guessing codes is limited per client address.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr, forbidden } from '../auth/authorize.middleware.ts'
import { hashToken, newToken } from '../auth/tokens.ts'
import { ApiError, notFound } from '../errors.ts'
import { reporterKey } from '../moderation/reports.repository.ts'
import { clientKey } from '../moderation/settings.repository.ts'
import { clientAddress } from '../security/client-address.ts'
import { tooManyRequests } from '../security/too-many.ts'
import { isUniqueViolation } from '../users/users.repository.ts'
import { valid } from '../validate.ts'
import { accessTo, writeParticipantCookie } from './access.ts'
import { recordChange } from './changes.repository.ts'
import { readableMap, writeMap } from './map-context.ts'
import { toMap, toParticipant } from './maps.mapper.ts'
import { findMap, findMapToJoin, type MapRow } from './maps.repository.ts'
import { joinBody, joinCheckBody, mapIdParam, participantParam } from './maps.schema.ts'
import {
  forgetJoinAttempt,
  insertParticipant,
  listParticipants,
  removeParticipant,
  startJoinAttempt,
} from './participants.repository.ts'

const wrongCode = () =>
  new ApiError(404, 'no_such_map', 'No map opens with this code or link: check it and retry', [
    { field: 'code', message: 'no map with this code or link (it may have expired)' },
  ])

/** The map a code or link opens, counting failures against the caller's address. */
async function mapToJoin(
  c: Context<AppEnv>,
  by: { code?: string | undefined; token?: string | undefined },
): Promise<MapRow> {
  const db = c.var.db
  const key = reporterKey({ address: clientAddress(c), key: await clientKey(db) })
  const attempt = await startJoinAttempt(db, key)
  if ('retryAfterSeconds' in attempt) {
    throw tooManyRequests(c, attempt.retryAfterSeconds, 'Too many wrong codes: wait a few minutes')
  }
  const map = await findMapToJoin(
    db,
    by.code ? { code: by.code } : { tokenHash: hashToken(by.token!) },
  )
  if (!map) throw wrongCode()
  await forgetJoinAttempt(db, attempt.attemptId)
  return map
}

const joinPreview = (m: MapRow) => ({
  id: m.id,
  title: m.title,
  description: m.description,
  meeting: { place: m.meeting_place, date: m.met_on },
  language: m.language,
  visibility: m.visibility,
})

export const participantsRoutes = new Hono<AppEnv>()
  .post('/maps/join/check', valid('json', joinCheckBody), async (c) => {
    const map = await mapToJoin(c, c.req.valid('json'))
    c.header('Cache-Control', 'no-store')
    return c.json({ map: joinPreview(map) })
  })
  .post('/maps/join', valid('json', joinBody), async (c) => {
    const body = c.req.valid('json')
    const found = await mapToJoin(c, body)
    const token = newToken()
    const participant = await writeMap(c, found.id, async (tx) => {
      const row = await insertParticipant(tx, {
        mapId: found.id,
        pseudonym: body.pseudonym,
        tokenHash: hashToken(token),
        joinedVia: body.code ? 'code' : 'link',
      }).catch((err: unknown) => {
        if (!isUniqueViolation(err)) throw err
        throw new ApiError(409, 'pseudonym_taken', 'Someone in this group already uses this name', [
          { field: 'pseudonym', message: 'already used in this group: choose another' },
        ])
      })
      await recordChange(tx, {
        mapId: found.id,
        type: 'participant.joined',
        payload: { participant: toParticipant(row, false) },
        entityId: row.id,
        membersOnly: true,
      })
      await audit(tx, {
        actor: { id: row.id, role: 'map_participant' },
        action: 'map.join',
        target: { kind: 'map', id: found.id },
        after: { participantId: row.id, via: row.joined_via },
      })
      return row
    })
    writeParticipantCookie(c, found.id, token)
    const map = (await findMap(c.var.db, found.id))!
    c.header('Cache-Control', 'no-store')
    return c.json(
      {
        map: toMap(map, accessTo(map, c.var.user, participant)),
        participant: toParticipant(participant, false),
        // Also set as the cookie intrecci_map_<map id>; send it as X-Map-Token from scripts.
        token,
      },
      201,
    )
  })
  .get('/maps/:id/participants', valid('param', mapIdParam), async (c) => {
    const { access } = await readableMap(c, c.req.valid('param').id)
    if (!access.isMember) throw forbidden('Only the group sees who takes part')
    const rows = await listParticipants(c.var.db, c.req.valid('param').id, {
      includeRemoved: access.canManage,
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ participants: rows.map((r) => toParticipant(r, access.canManage)) })
  })
  .delete('/maps/:id/participants/:participantId', valid('param', participantParam), async (c) => {
    const { id, participantId } = c.req.valid('param')
    const map = await findMap(c.var.db, id)
    if (!map) throw notFound('No map with this id')
    assertOwnerOr(c, map.owner_id)
    await writeMap(c, id, async (tx) => {
      const removed = await removeParticipant(tx, id, participantId)
      if (!removed) throw notFound('No such participant on this map')
      await recordChange(tx, {
        mapId: id,
        type: 'participant.removed',
        payload: { participantId },
        entityId: participantId,
        membersOnly: true,
      })
      await audit(tx, {
        actor: actorOf(c),
        action: 'map.participant_remove',
        target: { kind: 'map', id },
        after: { participantId },
      })
    })
    return c.body(null, 204)
  })
