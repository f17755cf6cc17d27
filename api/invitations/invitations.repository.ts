// Invitations. Every function takes `db` first (a Kysely instance or a transaction).
import { sql, type Kysely } from 'kysely'
import { hashToken, newToken } from '../auth/tokens.ts'
import type { Database, Role } from '../db/database.ts'

const COLUMNS = [
  'id',
  'role',
  'email',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
  'accepted_at',
  'accepted_by',
] as const

export type InvitationRecord = Awaited<ReturnType<typeof findInvitation>> & {}

/** Returns the row and the token for the link (shown once, never stored). */
export async function createInvitation(
  db: Kysely<Database>,
  input: { role: Role; email: string | null; createdBy: string | null; expiresAt: Date },
) {
  const token = newToken()
  const row = await db
    .insertInto('invitations')
    .values({
      token_hash: hashToken(token),
      role: input.role,
      email: input.email,
      created_by: input.createdBy,
      expires_at: input.expiresAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  return { row, token }
}

export function findInvitation(db: Kysely<Database>, id: string) {
  return db.selectFrom('invitations').select(COLUMNS).where('id', '=', id).executeTakeFirst()
}

export function findInvitationByToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('invitations')
    .select(COLUMNS)
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst()
}

export function listInvitations(db: Kysely<Database>, filter: { createdBy?: string | undefined }) {
  let q = db.selectFrom('invitations').select(COLUMNS)
  if (filter.createdBy) q = q.where('created_by', '=', filter.createdBy)
  return q.orderBy('created_at', 'desc').limit(1000).execute()
}

/** Revokes a pending or expired invitation; undefined when it was used or already revoked. */
export function revokeInvitation(db: Kysely<Database>, id: string) {
  return db
    .updateTable('invitations')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(COLUMNS)
    .executeTakeFirst()
}

/**
 * Marks the invitation used, if it still can be: one statement, so two people accepting at the
 * same moment cannot both succeed.
 */
export function consumeInvitation(db: Kysely<Database>, id: string, userId: string) {
  return db
    .updateTable('invitations')
    .set({ accepted_at: sql<Date>`now()`, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(COLUMNS)
    .executeTakeFirst()
}

/** Erasure: the invitations that named this person's email keep no trace of it. */
export async function forgetInvitee(db: Kysely<Database>, userId: string, email: string) {
  await db
    .updateTable('invitations')
    .set({ email: null })
    .where((eb) => eb.or([eb('accepted_by', '=', userId), eb('email', '=', email)]))
    .execute()
}

export function invitationsCreatedBy(db: Kysely<Database>, userId: string) {
  return listInvitations(db, { createdBy: userId })
}
