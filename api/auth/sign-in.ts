// What every way in (sign-in, registration, an accepted invitation) shares.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../errors.ts'
import type { Role, SessionUser } from './roles.ts'
import { writeSessionCookie } from './session-cookie.ts'
import { createSession, deleteExpiredSessions } from './sessions.repository.ts'

/** Starts a new session for the user (a new token every time) and sets the cookie. */
export async function signIn(c: Context<AppEnv>, userId: string) {
  const { db, config } = c.var
  await deleteExpiredSessions(db)
  const s = await createSession(db, { userId, idleDays: config.sessionIdleDays })
  writeSessionCookie(c, s.token, s.expiresAt)
}

export function meJson(u: SessionUser) {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role }
}

/** The same, from a users row (snake_case), as the ways in answer after signing in. */
export function meJsonFromRow(u: { id: string; email: string; display_name: string; role: Role }) {
  return meJson({ id: u.id, email: u.email, displayName: u.display_name, role: u.role })
}

export const emailTakenError = () =>
  new ApiError(409, 'email_taken', 'An account with this email already exists', [
    { field: 'email', message: 'already registered' },
  ])
