// /api/maps/{id}/features: what the group draws. Every change carries the version it was based
// on; a stale one gets 409 with the current feature (never a silent overwrite). Each change is
// recorded in the map's change log in the same transaction and wakes the live streams.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { notFound } from '../errors.ts'
import { guardGeometry } from '../geo/validity.ts'
import type { Geometry } from '../geo/guard.ts'
import { idempotent } from '../idempotency/idempotency.middleware.ts'
import { valid } from '../validate.ts'
import { assertCanDraw, type MapAccess } from './access.ts'
import { forgetFeatureHistory, recordChange } from './changes.repository.ts'
import { assertFeature, assertRoomFor, MAX_VERTICES, vertexCount } from './feature-rules.ts'
import {
  deleteFeature,
  findFeature,
  insertFeature,
  listFeatures,
  updateFeature,
  type FeatureRow,
} from './features.repository.ts'
import {
  answeringConflicts,
  mapActor,
  readableMap,
  VersionConflict,
  writeMap,
} from './map-context.ts'
import { featureAuditSnapshot, toFeature } from './maps.mapper.ts'
import {
  createFeatureBody,
  deleteFeatureQuery,
  featureParam,
  mapIdParam,
  updateFeatureBody,
} from './maps.schema.ts'
import { removePhotoFiles } from './photo-files.ts'
import { photosOfFeature } from './photos.repository.ts'

/** Hidden and rejected drawings are seen by those who manage the map and by moderators. */
const seesAllStatuses = (a: MapAccess) => a.canManage || a.role === 'moderator'

function visible(row: FeatureRow | undefined, access: MapAccess): FeatureRow | undefined {
  return row && (row.status === 'published' || seesAllStatuses(access)) ? row : undefined
}

/** Territory and PostGIS validity, after the cheap vertex count (a clear 422 first). */
async function guarded(c: Context<AppEnv>, geometry: Geometry): Promise<Geometry> {
  if (vertexCount(geometry) > MAX_VERTICES) return geometry // assertFeature says why
  return guardGeometry(c.var.db, geometry, {
    territory: c.var.config.territoryBbox,
    maxVertices: MAX_VERTICES,
  })
}

function sendFeature(c: Context<AppEnv>, row: FeatureRow, status: 200 | 201 = 200) {
  c.header('Content-Type', 'application/geo+json')
  c.header('Cache-Control', 'no-store')
  return c.body(JSON.stringify(toFeature(row)), status)
}

export const featuresRoutes = new Hono<AppEnv>()
  .get('/maps/:id/features', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const { access } = await readableMap(c, id)
    // One snapshot: the features and the seq they are up to, so a stream opened with
    // ?after=<seq> continues exactly where this list ends.
    const { rows, seq } = await c.var.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const map = await tx
          .selectFrom('maps')
          .select('last_seq')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
        const list = await listFeatures(tx, id, { allStatuses: seesAllStatuses(access) })
        return { rows: list, seq: Number(map.last_seq) }
      })
    c.header('Content-Type', 'application/geo+json')
    c.header('Cache-Control', 'no-store')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        seq,
        numberMatched: rows.length,
        numberReturned: rows.length,
        features: rows.map(toFeature),
      }),
    )
  })
  .get('/maps/:id/features/:featureId', valid('param', featureParam), async (c) => {
    const { id, featureId } = c.req.valid('param')
    const { access } = await readableMap(c, id)
    const row = visible(await findFeature(c.var.db, id, featureId), access)
    if (!row) throw notFound('No feature with this id on this map')
    return sendFeature(c, row)
  })
  .post(
    '/maps/:id/features',
    valid('param', mapIdParam),
    idempotent,
    valid('json', createFeatureBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const geometry = await guarded(c, body.geometry)
      const row = await writeMap(c, id, async (tx, map, access) => {
        assertCanDraw(access)
        const values = {
          kind: body.kind,
          mode: body.mode ?? null,
          symbol: body.symbol,
          title: body.title ?? null,
          note: body.note ?? null,
          story: body.story ?? null,
          geometry,
        }
        assertFeature(values, map.legend)
        assertRoomFor(map.feature_count, 1)
        const featureId = await insertFeature(tx, {
          ...values,
          mapId: id,
          authorId: c.var.user?.id ?? null,
          participantId: access.participant?.id ?? null,
        })
        const created = (await findFeature(tx, id, featureId))!
        await recordChange(tx, {
          mapId: id,
          type: 'feature.created',
          payload: { feature: toFeature(created) },
          featureId,
        })
        await audit(tx, {
          actor: mapActor(c, access),
          action: 'map_feature.create',
          target: { kind: 'map_feature', id: featureId },
          after: featureAuditSnapshot(created),
        })
        return created
      })
      c.header('Location', `/api/maps/${id}/features/${row.id}`)
      return sendFeature(c, row, 201)
    },
  )
  .patch(
    '/maps/:id/features/:featureId',
    valid('param', featureParam),
    valid('json', updateFeatureBody),
    (c) =>
      answeringConflicts(c, async () => {
        const { id, featureId } = c.req.valid('param')
        const body = c.req.valid('json')
        const geometry = body.geometry && (await guarded(c, body.geometry))
        const row = await writeMap(c, id, async (tx, map, access) => {
          assertCanDraw(access)
          const current = visible(await findFeature(tx, id, featureId), access)
          if (!current) throw notFound('No feature with this id on this map')
          if (current.version !== body.version) {
            throw new VersionConflict('feature', toFeature(current), current.version)
          }
          const merged = {
            kind: body.kind ?? current.kind,
            mode: body.mode === undefined ? current.mode : body.mode,
            symbol: body.symbol ?? current.symbol,
            title: body.title === undefined ? current.title : body.title,
            note: body.note === undefined ? current.note : body.note,
            story: body.story === undefined ? current.story : body.story,
            geometry: geometry ?? (current.geometry as Geometry),
          }
          assertFeature(merged, map.legend)
          if (!(await updateFeature(tx, featureId, body.version, merged))) {
            // Unreachable under the map lock; kept so a stale write can never pass.
            const now = (await findFeature(tx, id, featureId))!
            throw new VersionConflict('feature', toFeature(now), now.version)
          }
          const updated = (await findFeature(tx, id, featureId))!
          await recordChange(tx, {
            mapId: id,
            type: 'feature.updated',
            payload: { feature: toFeature(updated) },
            featureId,
          })
          await audit(tx, {
            actor: mapActor(c, access),
            action: 'map_feature.update',
            target: { kind: 'map_feature', id: featureId },
            before: featureAuditSnapshot(current),
            after: featureAuditSnapshot(updated),
          })
          return updated
        })
        return sendFeature(c, row)
      }),
  )
  .delete(
    '/maps/:id/features/:featureId',
    valid('param', featureParam),
    valid('query', deleteFeatureQuery),
    (c) =>
      answeringConflicts(c, async () => {
        const { id, featureId } = c.req.valid('param')
        const { version } = c.req.valid('query')
        const photos = await writeMap(c, id, async (tx, _map, access) => {
          assertCanDraw(access)
          const current = visible(await findFeature(tx, id, featureId), access)
          if (!current) throw notFound('No feature with this id on this map')
          if (current.version !== version) {
            throw new VersionConflict('feature', toFeature(current), current.version)
          }
          const files = await photosOfFeature(tx, featureId)
          if (!(await deleteFeature(tx, featureId, version))) {
            throw notFound('No feature with this id on this map')
          }
          // The log keeps no copy of what was deleted; its last word is the deletion.
          await forgetFeatureHistory(tx, featureId)
          await recordChange(tx, {
            mapId: id,
            type: 'feature.deleted',
            payload: { featureId },
            featureId,
          })
          await audit(tx, {
            actor: mapActor(c, access),
            action: 'map_feature.delete',
            target: { kind: 'map_feature', id: featureId },
            before: featureAuditSnapshot(current),
          })
          return files
        })
        await removePhotoFiles(c.var.config.dataDir, id, photos)
        return c.body(null, 204)
      }),
  )
