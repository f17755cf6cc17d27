// The change log of each map (sql/0042_map_changes.sql): what the live stream replays.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { nextSeq } from './maps.repository.ts'

type DB = Kysely<Database>

export type ChangeType =
  | 'map.updated'
  | 'feature.created'
  | 'feature.updated'
  | 'feature.deleted'
  | 'feature.hidden'
  | 'feature.restored'
  | 'photo.added'
  | 'photo.deleted'
  | 'participant.joined'
  | 'participant.removed'
  | 'comment.created'

export interface Change {
  mapId: string
  type: ChangeType
  payload: Record<string, unknown>
  /** The feature the change is about: its history goes when it is deleted or hidden. */
  featureId?: string | null
  /** Another entity (photo, participant): its history goes when it is deleted. */
  entityId?: string | null
  /** Sent only to the map's group (participants, owner, moderators, admins). */
  membersOnly?: boolean
}

/** Records a change under the next seq of the map. Call inside the writing transaction, with
 * the map row locked (lockMap), so seq order is commit order. */
export async function recordChange(db: DB, change: Change): Promise<string> {
  const seq = await nextSeq(db, change.mapId)
  await db
    .insertInto('map_changes')
    .values({
      map_id: change.mapId,
      seq,
      type: change.type,
      feature_id: change.featureId ?? null,
      entity_id: change.entityId ?? null,
      members_only: change.membersOnly ?? false,
      payload: JSON.stringify(change.payload),
    })
    .execute()
  return seq
}

export interface ChangeRow {
  seq: string
  type: ChangeType
  members_only: boolean
  payload: Record<string, unknown>
}

/** Changes after `after`, oldest first. */
export async function readChanges(
  db: DB,
  mapId: string,
  after: string,
  limit: number,
): Promise<ChangeRow[]> {
  const rows = await db
    .selectFrom('map_changes')
    .select(['seq', 'type', 'members_only', 'payload'])
    .where('map_id', '=', mapId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, seq: String(r.seq) })) as ChangeRow[]
}

/** A deleted or hidden feature leaves no copy of its content in the log (its last entry,
 * written after this, says it is gone). Its photos' entries go with it. */
export async function forgetFeatureHistory(db: DB, featureId: string) {
  await db.deleteFrom('map_changes').where('feature_id', '=', featureId).execute()
}

export async function forgetEntityHistory(db: DB, entityId: string) {
  await db.deleteFrom('map_changes').where('entity_id', '=', entityId).execute()
}

/** Erasure: an account's display name leaves the copies of features in the log. */
export async function scrubAuthorFromChanges(db: DB, userId: string) {
  await sql`update map_changes
    set payload = jsonb_set(payload, '{feature,properties,author}',
                            '{"kind":"user","id":null,"name":null}'::jsonb)
    where payload #>> '{feature,properties,author,kind}' = 'user'
      and payload #>> '{feature,properties,author,id}' = ${userId}`.execute(db)
}
