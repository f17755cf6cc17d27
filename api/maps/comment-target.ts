// Comments on a map or on one of its drawings go through the one comment system
// (api/comments); this says whether the caller may see the map, and as whom. The group's
// members (participants, the facilitator, admins) publish their comments directly; anyone
// else follows the usual moderation (visitors' comments wait in the queue).
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import type { Database } from '../db/database.ts'
import { accessTo, participantOf, type MapAccess } from './access.ts'
import { recordChange } from './changes.repository.ts'
import { lockMap } from './maps.repository.ts'

export interface MapCommentTarget {
  mapId: string
  access: MapAccess
}

/** Undefined when there is no such map or drawing, or the caller may not see it. */
export async function mapCommentTarget(
  c: Context<AppEnv>,
  kind: 'map' | 'map_feature',
  id: string,
): Promise<MapCommentTarget | undefined> {
  const db = c.var.db
  let mapId = id
  let featureStatus = 'published'
  if (kind === 'map_feature') {
    const f = await db
      .selectFrom('map_features')
      .select(['map_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!f) return undefined
    mapId = f.map_id
    featureStatus = f.status
  }
  const map = await db
    .selectFrom('maps')
    .select(['owner_id', 'visibility', 'status'])
    .where('id', '=', mapId)
    .executeTakeFirst()
  if (!map) return undefined
  const access = accessTo(map, c.var.user, await participantOf(c, mapId))
  if (!access.canRead) return undefined
  if (featureStatus !== 'published' && !access.canManage && access.role !== 'moderator') {
    return undefined
  }
  return { mapId, access }
}

/** The group's own comments skip the queue. */
export const publishesDirectly = (t: MapCommentTarget) =>
  t.access.role === 'participant' || t.access.role === 'owner' || t.access.role === 'admin'

/** Takes the map's lock before the comment is written, so its change gets the next seq. */
export async function lockCommentedMap(db: Kysely<Database>, t: MapCommentTarget) {
  await lockMap(db, t.mapId)
}

/** A published comment on the map or a drawing: the live stream tells who is watching. */
export async function recordCommentChange(
  db: Kysely<Database>,
  t: MapCommentTarget,
  comment: { id: string; target: unknown; parentId: string | null },
) {
  await recordChange(db, {
    mapId: t.mapId,
    type: 'comment.created',
    payload: { comment },
    entityId: comment.id,
  })
}
