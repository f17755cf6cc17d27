// Brute-force limit per account, in the database so it holds across processes: at most
// LOGIN_MAX_FAILURES failed sign-ins per account in LOGIN_WINDOW_SECONDS, whatever the client
// address. An attempt is recorded before the password is checked (under a per-account lock), so
// parallel guesses count too; a successful one is then forgotten.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { sha256Hex } from './tokens.ts'

export const LOGIN_MAX_FAILURES = 5
export const LOGIN_WINDOW_SECONDS = 60

export function accountKey(email: string): string {
  return sha256Hex(`login:${email.toLowerCase()}`)
}

export type AttemptStart =
  { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number }

export function startAttempt(db: Kysely<Database>, key: string): Promise<AttemptStart> {
  return db.transaction().execute(async (tx) => {
    // Serialises attempts on one account across connections and processes; released at commit.
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx)
    const window = sql<Date>`now() - make_interval(secs => ${LOGIN_WINDOW_SECONDS})`
    // The LOGIN_MAX_FAILURES-th most recent failure in the window: while it is there, wait.
    const blocking = await tx
      .selectFrom('login_attempts')
      .select(
        sql<number>`ceil(extract(epoch from at + make_interval(secs => ${LOGIN_WINDOW_SECONDS}) - now()))::int`.as(
          'wait',
        ),
      )
      .where('account_key', '=', key)
      .where('at', '>', window)
      .orderBy('at', 'desc')
      .offset(LOGIN_MAX_FAILURES - 1)
      .limit(1)
      .executeTakeFirst()
    if (blocking) return { allowed: false, retryAfterSeconds: Math.max(1, blocking.wait) }
    // Rows past the window, of any account, go as new attempts come: no job needed, and
    // emails tried once (spraying) do not pile up.
    await tx.deleteFrom('login_attempts').where('at', '<=', window).execute()
    const row = await tx
      .insertInto('login_attempts')
      .values({ account_key: key })
      .returning(sql<string>`id::text`.as('id'))
      .executeTakeFirstOrThrow()
    return { allowed: true, attemptId: row.id }
  })
}

/** The password was right: this attempt was not a failure. */
export async function forgetAttempt(db: Kysely<Database>, attemptId: string) {
  await db
    .deleteFrom('login_attempts')
    .where(sql`id`, '=', sql`${attemptId}::bigint`)
    .execute()
}

/** Erasure: no attempt keyed by this email stays behind. */
export async function deleteAttempts(db: Kysely<Database>, email: string) {
  await db.deleteFrom('login_attempts').where('account_key', '=', accountKey(email)).execute()
}
