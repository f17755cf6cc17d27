// Sessions in the database: the cookie's token is looked up by its SHA-256. Expiry slides:
// each use pushes it `idleDays` ahead, written at most every TOUCH_EVERY_MS to spare the database.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { SessionUser } from './roles.ts'
import { hashToken, newToken } from './tokens.ts'

export const TOUCH_EVERY_MS = 5 * 60 * 1000

const DAY_MS = 24 * 60 * 60 * 1000

export interface FoundSession {
  tokenHash: string
  user: SessionUser
  lastSeenAt: Date
  expiresAt: Date
}

/** Creates a session for the user; returns the token for the cookie (never stored). */
export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; idleDays: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken()
  const expiresAt = new Date(Date.now() + input.idleDays * DAY_MS)
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: input.userId, expires_at: expiresAt })
    .execute()
  return { token, expiresAt }
}

export async function findSession(
  db: Kysely<Database>,
  token: string,
): Promise<FoundSession | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.last_seen_at',
      's.expires_at',
      'u.id',
      'u.role',
      'u.email',
      'u.display_name',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    tokenHash: row.token_hash,
    user: { id: row.id, role: row.role, email: row.email, displayName: row.display_name },
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  }
}

/** Slides the expiry; returns the new one. */
export async function touchSession(
  db: Kysely<Database>,
  input: { tokenHash: string; idleDays: number },
): Promise<Date> {
  const expiresAt = new Date(Date.now() + input.idleDays * DAY_MS)
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: expiresAt })
    .where('token_hash', '=', input.tokenHash)
    .execute()
  return expiresAt
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/** "Log out everywhere", and what erasure and role changes rely on. Returns how many ended. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

export async function deleteExpiredSessions(db: Kysely<Database>) {
  await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute()
}

export function listUserSessions(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}
