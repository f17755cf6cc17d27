// /api/maps: unconventional maps — create (facilitators), read (as visibility allows), edit the
// title, meeting, visibility and legend (with the version), delete; the join code and the
// invitation link. Lists hold public maps only: unlisted and private maps are never listed.
import { randomInt } from 'node:crypto'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr } from '../auth/authorize.middleware.ts'
import { hashToken, newToken } from '../auth/tokens.ts'
import { ApiError, notFound } from '../errors.ts'
import { featureCollection } from '../geo/feature-list.ts'
import { guardGeometry } from '../geo/validity.ts'
import { idempotent } from '../idempotency/idempotency.middleware.ts'
import { isUniqueViolation } from '../users/users.repository.ts'
import { valid } from '../validate.ts'
import { accessTo } from './access.ts'
import { recordChange } from './changes.repository.ts'
import { symbolUse } from './features.repository.ts'
import { answeringConflicts, readableMap, VersionConflict, writeMap } from './map-context.ts'
import { mapAuditSnapshot, toMap, toMapPublic, toMapSummary } from './maps.mapper.ts'
import {
  clearJoinCode,
  deleteMap,
  findMap,
  insertMap,
  listPublicMaps,
  mapsOwnedBy,
  releaseExpiredCodes,
  setJoinCode,
  setLinkToken,
  updateMap,
  type MapRow,
} from './maps.repository.ts'
import { codeBody, createMapBody, listMapsQuery, mapIdParam, updateMapBody } from './maps.schema.ts'
import type { LegendSymbol } from './maps.table.ts'
import { removeMapPhotoDir } from './photo-files.ts'
import { LEGEND_TEMPLATES, legendFromTemplate } from './templates.ts'

export const DEFAULT_TEMPLATE = 'memoria-e-bisogni'
/** No I, L, O, 0 or 1: read aloud or off a projector, nothing can be mistaken. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const CODE_LENGTH = 6

export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/** A symbol in use cannot leave the legend, nor stop applying to a kind drawn with it. */
async function assertLegendKeepsUses(
  db: Parameters<typeof symbolUse>[0],
  mapId: string,
  legend: LegendSymbol[],
) {
  const byKey = new Map(legend.map((s) => [s.key, s]))
  for (const use of await symbolUse(db, mapId)) {
    const s = byKey.get(use.symbol)
    if (!s || !s.kinds.includes(use.kind)) {
      const message = s
        ? `symbol "${use.symbol}" is used by ${use.n} ${use.kind} drawing(s): keep "${use.kind}" in its kinds`
        : `symbol "${use.symbol}" is used by ${use.n} drawing(s): change them before removing it`
      throw new ApiError(409, 'symbol_in_use', message, [{ field: 'legend', message }])
    }
  }
}

async function managedMap(c: Parameters<typeof readableMap>[0], id: string): Promise<MapRow> {
  const map = await findMap(c.var.db, id)
  if (!map) throw notFound('No map with this id')
  assertOwnerOr(c, map.owner_id)
  return map
}

export const mapsRoutes = new Hono<AppEnv>()
  .get('/maps/templates', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ templates: LEGEND_TEMPLATES, default: DEFAULT_TEMPLATE })
  })
  .get('/maps', valid('query', listMapsQuery), async (c) => {
    const page = await listPublicMaps(c.var.db, c.req.valid('query'))
    return featureCollection(c, page.rows.map(toMapSummary), page)
  })
  .get('/maps/mine', async (c) => {
    const rows = await mapsOwnedBy(c.var.db, c.var.user!.id)
    c.header('Cache-Control', 'no-store')
    return c.json({ maps: rows.map((r) => toMap(r, accessTo(r, c.var.user, null))) })
  })
  .post('/maps', idempotent, valid('json', createMapBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.var.user!
    const legend =
      body.legend ?? legendFromTemplate(body.template ?? DEFAULT_TEMPLATE, body.language)!
    const point = body.meeting?.point
      ? await guardGeometry(c.var.db, body.meeting.point, {
          territory: c.var.config.territoryBbox,
          field: 'meeting.point',
        })
      : null
    const row = await c.var.db.transaction().execute(async (tx) => {
      const id = await insertMap(tx, {
        title: body.title,
        description: body.description ?? null,
        meetingPlace: body.meeting?.place ?? null,
        meetingPoint: point,
        metOn: body.meeting?.date ?? null,
        language: body.language,
        visibility: body.visibility,
        legend,
        ownerId: user.id,
      })
      const created = (await findMap(tx, id))!
      await audit(tx, {
        actor: actorOf(c),
        action: 'map.create',
        target: { kind: 'map', id },
        after: mapAuditSnapshot(created),
      })
      return created
    })
    c.header('Location', `/api/maps/${row.id}`)
    return c.json(toMap(row, accessTo(row, user, null)), 201)
  })
  .get('/maps/:id', valid('param', mapIdParam), async (c) => {
    const { map, access } = await readableMap(c, c.req.valid('param').id)
    c.header('Cache-Control', 'no-store')
    return c.json(toMap(map, access))
  })
  .patch('/maps/:id', valid('param', mapIdParam), valid('json', updateMapBody), (c) =>
    answeringConflicts(c, async () => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const current = await managedMap(c, id)
      const point =
        body.meeting?.point === undefined
          ? current.meeting_point
          : body.meeting.point &&
            (await guardGeometry(c.var.db, body.meeting.point, {
              territory: c.var.config.territoryBbox,
              field: 'meeting.point',
            }))
      const updated = await writeMap(c, id, async (tx) => {
        const before = (await findMap(tx, id))!
        if (before.version !== body.version) {
          throw new VersionConflict(
            'map',
            toMap(before, accessTo(before, c.var.user, null)),
            before.version,
          )
        }
        const legend = body.legend ?? before.legend
        if (body.legend) await assertLegendKeepsUses(tx, id, legend)
        const meeting = body.meeting
        await updateMap(tx, id, body.version, {
          title: body.title ?? before.title,
          description: body.description === undefined ? before.description : body.description,
          meetingPlace: meeting?.place === undefined ? before.meeting_place : meeting.place,
          meetingPoint: point ?? null,
          metOn: meeting?.date === undefined ? before.met_on : meeting.date,
          language: body.language ?? before.language,
          visibility: body.visibility ?? before.visibility,
          legend,
        })
        const after = (await findMap(tx, id))!
        await recordChange(tx, {
          mapId: id,
          type: 'map.updated',
          payload: { map: toMapPublic(after) },
        })
        await audit(tx, {
          actor: actorOf(c),
          action: 'map.update',
          target: { kind: 'map', id },
          before: mapAuditSnapshot(before),
          after: mapAuditSnapshot(after),
        })
        return after
      })
      c.header('Cache-Control', 'no-store')
      return c.json(toMap(updated, accessTo(updated, c.var.user, null)))
    }),
  )
  .delete('/maps/:id', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const current = await managedMap(c, id)
    await c.var.db.transaction().execute(async (tx) => {
      if (!(await deleteMap(tx, id))) throw notFound('No map with this id')
      await audit(tx, {
        actor: actorOf(c),
        action: 'map.delete',
        target: { kind: 'map', id },
        before: mapAuditSnapshot(current),
      })
    })
    await removeMapPhotoDir(c.var.config.dataDir, id)
    // Open streams of the map find it gone and end.
    c.var.mapEvents.publish(id)
    return c.body(null, 204)
  })
  .post('/maps/:id/code', valid('param', mapIdParam), valid('json', codeBody), async (c) => {
    const { id } = c.req.valid('param')
    await managedMap(c, id)
    const expiresAt = new Date(Date.now() + c.req.valid('json').hours * 3_600_000)
    await releaseExpiredCodes(c.var.db)
    for (let attempt = 0; ; attempt++) {
      const code = newJoinCode()
      try {
        await c.var.db.transaction().execute(async (tx) => {
          await setJoinCode(tx, id, code, expiresAt)
          await audit(tx, { actor: actorOf(c), action: 'map.code', target: { kind: 'map', id } })
        })
        c.header('Cache-Control', 'no-store')
        return c.json({ code, expiresAt: expiresAt.toISOString() }, 201)
      } catch (err) {
        // Another live map drew the same code: draw again.
        if (!isUniqueViolation(err) || attempt >= 5) throw err
      }
    }
  })
  .delete('/maps/:id/code', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    await managedMap(c, id)
    await c.var.db.transaction().execute(async (tx) => {
      await clearJoinCode(tx, id)
      await audit(tx, { actor: actorOf(c), action: 'map.code_off', target: { kind: 'map', id } })
    })
    return c.body(null, 204)
  })
  .post('/maps/:id/link', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    await managedMap(c, id)
    // Only the hash is kept: the link is shown now; a new one replaces it (the old stops).
    const token = newToken()
    await c.var.db.transaction().execute(async (tx) => {
      await setLinkToken(tx, id, hashToken(token))
      await audit(tx, { actor: actorOf(c), action: 'map.link', target: { kind: 'map', id } })
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ token, path: `/partecipa/${token}` }, 201)
  })
  .delete('/maps/:id/link', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    await managedMap(c, id)
    await c.var.db.transaction().execute(async (tx) => {
      await setLinkToken(tx, id, null)
      await audit(tx, { actor: actorOf(c), action: 'map.link_off', target: { kind: 'map', id } })
    })
    return c.body(null, 204)
  })
