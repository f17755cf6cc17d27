// What `npm run admin -- …` does, as plain functions over a database (the CLI in
// api/cli/admin.ts only parses arguments and reads the password).
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { audit, SYSTEM } from '../audit/audit.ts'
import {
  displayName as displayNameSchema,
  email as emailSchema,
  password as passwordSchema,
} from '../auth/auth.schema.ts'
import { hashPassword } from '../auth/passwords.ts'
import { ROLES, type Role } from '../auth/roles.ts'
import { deleteUserSessions } from '../auth/sessions.repository.ts'
import type { Database } from '../db/database.ts'
import {
  countUsers,
  createUser,
  findCredentials,
  setPasswordHash,
  setRole,
} from './users.repository.ts'

export class AdminCommandError extends Error {}

export const USAGE = [
  'usage: npm run admin -- create <email> [--name "Display name"]',
  '       npm run admin -- set-role <email> <role>',
  '       npm run admin -- set-password <email>',
  `roles: ${ROLES.join(', ')}`,
  'The password is read from ADMIN_PASSWORD, or asked for on a terminal.',
].join('\n')

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw new AdminCommandError(`${what}: ${r.error.issues[0]!.message}`)
  return r.data
}

export async function createAdmin(
  db: Kysely<Database>,
  input: { email: string; password: string; displayName?: string | undefined },
): Promise<string> {
  const email = parse(emailSchema, input.email, 'email')
  const password = parse(passwordSchema, input.password, 'password')
  const displayName = parse(displayNameSchema, input.displayName ?? 'Amministrazione', 'name')
  if (await findCredentials(db, { email })) {
    throw new AdminCommandError(`an account with ${email} already exists (use set-role)`)
  }
  const passwordHash = await hashPassword(password)
  const user = await db.transaction().execute(async (tx) => {
    const u = await createUser(tx, { email, displayName, passwordHash, role: 'admin' })
    await audit(tx, {
      actor: SYSTEM,
      action: 'user.create',
      target: { kind: 'user', id: u.id },
      after: { role: 'admin', via: 'cli' },
    })
    return u
  })
  const admins = await countUsers(db, 'admin')
  return `created admin ${email} (id ${user.id}; ${admins} admin${admins === 1 ? '' : 's'} in all)`
}

export async function setUserRole(
  db: Kysely<Database>,
  input: { email: string; role: string },
): Promise<string> {
  const email = parse(emailSchema, input.email, 'email')
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw new AdminCommandError(`role: "${input.role}" is not one of ${ROLES.join(', ')}`)
  }
  const role = input.role as Role
  return db.transaction().execute(async (tx) => {
    const user = await findCredentials(tx, { email })
    if (!user) throw new AdminCommandError(`no account with ${email}`)
    if (user.role === role) return `${email} is already ${role}`
    if (user.role === 'admin' && (await countUsers(tx, 'admin')) <= 1) {
      throw new AdminCommandError(`${email} is the only admin: make someone else admin first`)
    }
    await setRole(tx, user.id, role)
    await audit(tx, {
      actor: SYSTEM,
      action: 'user.role',
      target: { kind: 'user', id: user.id },
      before: { role: user.role },
      after: { role },
    })
    return `${email}: ${user.role} → ${role}`
  })
}

/** A forgotten password: sets a new one and ends every session of the account. */
export async function setUserPassword(
  db: Kysely<Database>,
  input: { email: string; password: string },
): Promise<string> {
  const email = parse(emailSchema, input.email, 'email')
  const password = parse(passwordSchema, input.password, 'password')
  const user = await findCredentials(db, { email })
  if (!user) throw new AdminCommandError(`no account with ${email}`)
  const passwordHash = await hashPassword(password)
  const ended = await db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash)
    const n = await deleteUserSessions(tx, user.id)
    await audit(tx, {
      actor: SYSTEM,
      action: 'user.password',
      target: { kind: 'user', id: user.id },
      after: { sessionsEnded: n },
    })
    return n
  })
  return `new password for ${email} (${ended} session${ended === 1 ? '' : 's'} ended)`
}
