// Comments on places, resources, maps and map features: one target column per kind
// (sql/0012_comments.sql, sql/0043_map_comments.sql).
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/database.ts'
import type { ContentStatus } from '../moderation/content-kinds.ts'
import type { Viewer } from '../places/places.repository.ts'
import type { TargetKind } from './comments.schema.ts'

type DB = Kysely<Database>

/** The column that holds each kind of target. */
export const TARGET_COLUMN = {
  place: 'place_id',
  resource: 'resource_id',
  map: 'map_id',
  map_feature: 'map_feature_id',
} as const satisfies Record<TargetKind, string>

export interface CommentRow {
  id: string
  seq: string
  place_id: string | null
  resource_id: string | null
  map_id: string | null
  map_feature_id: string | null
  /** The map a commented feature belongs to. */
  feature_map_id: string | null
  map_participant_id: string | null
  parent_id: string | null
  body: string
  reaction: string | null
  status: ContentStatus
  author_id: string | null
  author_name: string | null
  pseudonym: string | null
  created_at: Date
  updated_at: Date
  target_title: string | null
}

function base(db: DB) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .leftJoin('places as p', 'p.id', 'c.place_id')
    .leftJoin('resources as r', 'r.id', 'c.resource_id')
    .leftJoin('maps as m', 'm.id', 'c.map_id')
    .leftJoin('map_features as mf', 'mf.id', 'c.map_feature_id')
    .select([
      'c.id',
      'c.seq',
      'c.place_id',
      'c.resource_id',
      'c.map_id',
      'c.map_feature_id',
      'mf.map_id as feature_map_id',
      'c.map_participant_id',
      'c.parent_id',
      'c.body',
      'c.reaction',
      'c.status',
      'c.author_id',
      'u.display_name as author_name',
      'c.pseudonym',
      'c.created_at',
      'c.updated_at',
      sql<string | null>`coalesce(p.name, r.name, m.title, mf.title)`.as('target_title'),
    ])
}

/** Oldest first (a conversation reads down), keyset on seq. */
export async function listComments(
  db: DB,
  q: { kind: TargetKind; id: string; viewer: Viewer; limit: number; cursor?: string | undefined },
) {
  const v = q.viewer
  let query = base(db)
    .where(`c.${TARGET_COLUMN[q.kind]}`, '=', q.id)
    .where(
      v.kind === 'moderator'
        ? sql<SqlBool>`true`
        : v.kind === 'user'
          ? sql<SqlBool>`(c.status = 'published' or c.author_id = ${v.userId})`
          : sql<SqlBool>`c.status = 'published'`,
    )
  if (q.cursor) query = query.where('c.seq', '>', q.cursor as never)
  const rows = (await query
    .orderBy('c.seq', 'asc')
    .limit(q.limit + 1)
    .execute()) as CommentRow[]
  const more = rows.length > q.limit
  const page = more ? rows.slice(0, q.limit) : rows
  return { rows: page, nextSeq: more ? String(page[page.length - 1]!.seq) : null }
}

export async function findComment(db: DB, id: string): Promise<CommentRow | undefined> {
  return (await base(db).where('c.id', '=', id).executeTakeFirst()) as CommentRow | undefined
}

/** The target's status and author, or undefined when there is no such place/resource (maps
 * and their features have their own rule: api/maps/comment-target.ts). */
export async function findTarget(db: DB, kind: 'place' | 'resource', id: string) {
  const table = kind === 'place' ? 'places' : 'resources'
  return db
    .selectFrom(table)
    .select(['status', 'author_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertComment(
  db: DB,
  c: {
    kind: TargetKind
    targetId: string
    parentId: string | null
    body: string
    reaction: string | null
    status: ContentStatus
    authorId: string | null
    pseudonym: string | null
    mapParticipantId?: string | null
  },
): Promise<string> {
  const row = await db
    .insertInto('comments')
    .values({
      place_id: c.kind === 'place' ? c.targetId : null,
      resource_id: c.kind === 'resource' ? c.targetId : null,
      map_id: c.kind === 'map' ? c.targetId : null,
      map_feature_id: c.kind === 'map_feature' ? c.targetId : null,
      map_participant_id: c.mapParticipantId ?? null,
      parent_id: c.parentId,
      body: c.body,
      reaction: c.reaction,
      status: c.status,
      author_id: c.authorId,
      pseudonym: c.pseudonym,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function setCommentStatus(
  db: DB,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
): Promise<boolean> {
  const r = await db
    .updateTable('comments')
    .set({ status: change.to, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteComment(db: DB, id: string): Promise<boolean> {
  const r = await db.deleteFrom('comments').where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function pendingComments(db: DB, q: { limit: number; before?: Date | undefined }) {
  let query = base(db).where('c.status', '=', 'pending')
  if (q.before) query = query.where('c.created_at', '<', q.before)
  return (await query.orderBy('c.seq', 'desc').limit(q.limit).execute()) as CommentRow[]
}

export async function commentsByIds(db: DB, ids: readonly string[]) {
  if (ids.length === 0) return []
  return (await base(db)
    .where('c.id', 'in', [...ids])
    .execute()) as CommentRow[]
}

export async function commentsByAuthor(db: DB, userId: string) {
  return (await base(db).where('c.author_id', '=', userId).execute()) as CommentRow[]
}

export async function forgetCommentAuthor(db: DB, userId: string): Promise<number> {
  const r = await db
    .updateTable('comments')
    .set({ author_id: null })
    .where('author_id', '=', userId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
