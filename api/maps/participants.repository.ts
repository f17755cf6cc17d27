// Participants of a map (pseudonym, no account) and the limit on guessing join codes.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

type DB = Kysely<Database>

export interface ParticipantRow {
  id: string
  map_id: string
  pseudonym: string
  joined_via: 'link' | 'code'
  created_at: Date
  removed_at: Date | null
}

const COLUMNS = ['id', 'map_id', 'pseudonym', 'joined_via', 'created_at', 'removed_at'] as const

export async function insertParticipant(
  db: DB,
  p: { mapId: string; pseudonym: string; tokenHash: string; joinedVia: 'link' | 'code' },
): Promise<ParticipantRow> {
  return db
    .insertInto('map_participants')
    .values({
      map_id: p.mapId,
      pseudonym: p.pseudonym,
      token_hash: p.tokenHash,
      joined_via: p.joinedVia,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
}

/** The active (not removed) participant holding this token on this map. */
export async function findActiveParticipant(
  db: DB,
  mapId: string,
  tokenHash: string,
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('map_participants')
    .select(COLUMNS)
    .where('map_id', '=', mapId)
    .where('token_hash', '=', tokenHash)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
}

export async function findParticipant(db: DB, mapId: string, id: string) {
  return db
    .selectFrom('map_participants')
    .select(COLUMNS)
    .where('map_id', '=', mapId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function listParticipants(
  db: DB,
  mapId: string,
  opts: { includeRemoved: boolean },
): Promise<ParticipantRow[]> {
  let q = db.selectFrom('map_participants').select(COLUMNS).where('map_id', '=', mapId)
  if (!opts.includeRemoved) q = q.where('removed_at', 'is', null)
  return q.orderBy('created_at').execute()
}

/** Marks the participant removed: its token stops working with the next request. */
export async function removeParticipant(db: DB, mapId: string, id: string) {
  return db
    .updateTable('map_participants')
    .set({ removed_at: sql<Date>`clock_timestamp()` })
    .where('map_id', '=', mapId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .returning(COLUMNS)
    .executeTakeFirst()
}

// Guessing codes: at most JOIN_MAX_FAILURES failed attempts per client in JOIN_WINDOW_SECONDS.
// An attempt is recorded before the code is checked, so parallel guesses count too; one that
// opens a map is then forgotten. With 31^6 ≈ 887 million codes and a handful live at a time,
// 10 guesses per 10 minutes find one in decades, not evenings.
export const JOIN_MAX_FAILURES = 10
export const JOIN_WINDOW_SECONDS = 600

/** Records an attempt; returns its id, or the seconds to wait when the client is over. */
export async function startJoinAttempt(
  db: DB,
  clientKey: string,
): Promise<{ attemptId: string } | { retryAfterSeconds: number }> {
  const window = sql<Date>`now() - make_interval(secs => ${JOIN_WINDOW_SECONDS})`
  const blocking = await db
    .selectFrom('map_join_attempts')
    .select(
      sql<number>`ceil(extract(epoch from at + make_interval(secs => ${JOIN_WINDOW_SECONDS}) - now()))::int`.as(
        'wait',
      ),
    )
    .where('client_key', '=', clientKey)
    .where('at', '>', window)
    .orderBy('at', 'desc')
    .offset(JOIN_MAX_FAILURES - 1)
    .limit(1)
    .executeTakeFirst()
  if (blocking) return { retryAfterSeconds: Math.max(1, blocking.wait) }
  // Rows past the window go as new attempts come: no job needed.
  await db.deleteFrom('map_join_attempts').where('at', '<=', window).execute()
  const row = await db
    .insertInto('map_join_attempts')
    .values({ client_key: clientKey })
    .returning(sql<string>`id::text`.as('id'))
    .executeTakeFirstOrThrow()
  return { attemptId: row.id }
}

/** The code or link was right: this attempt was not a failure. */
export async function forgetJoinAttempt(db: DB, attemptId: string) {
  await db
    .deleteFrom('map_join_attempts')
    .where(sql`id`, '=', sql`${attemptId}::bigint`)
    .execute()
}
