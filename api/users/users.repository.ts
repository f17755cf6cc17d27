// Accounts. Every function takes `db` first (a Kysely instance or a transaction).
import type { Kysely } from 'kysely'
import type { Database, Role } from '../db/database.ts'

export interface NewUser {
  email: string
  displayName: string
  passwordHash: string
  role: Role
}

const PUBLIC_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'created_at',
  'last_login_at',
] as const

export type UserRecord = Awaited<ReturnType<typeof findUserById>> & {}

export function createUser(db: Kysely<Database>, u: NewUser) {
  return db
    .insertInto('users')
    .values({
      email: u.email,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
    })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow()
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** With the password hash: for sign-in and password confirmation only. */
export function findCredentials(db: Kysely<Database>, by: { email: string } | { id: string }) {
  const q = db.selectFrom('users').select([...PUBLIC_COLUMNS, 'password_hash'])
  return (
    'email' in by ? q.where('email', '=', by.email) : q.where('id', '=', by.id)
  ).executeTakeFirst()
}

export async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst()
  return row !== undefined
}

export function listUsers(
  db: Kysely<Database>,
  filter: { role?: Role | undefined; limit: number; offset: number },
) {
  let q = db.selectFrom('users').select(PUBLIC_COLUMNS)
  if (filter.role) q = q.where('role', '=', filter.role)
  return q.orderBy('created_at').orderBy('id').limit(filter.limit).offset(filter.offset).execute()
}

export async function countUsers(db: Kysely<Database>, role?: Role): Promise<number> {
  let q = db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n'))
  if (role) q = q.where('role', '=', role)
  const row = await q.executeTakeFirstOrThrow()
  return Number(row.n)
}

export function setRole(db: Kysely<Database>, id: string, role: Role) {
  return db
    .updateTable('users')
    .set({ role, updated_at: new Date() })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
}

export async function setPasswordHash(db: Kysely<Database>, id: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function recordLogin(db: Kysely<Database>, id: string) {
  await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute()
}

export async function deleteUser(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()
  return r.numDeletedRows > 0n
}

/** A unique constraint refused the row (PostgreSQL 23505): e.g. two sign-ups with one email. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505'
}
