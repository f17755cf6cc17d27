// Sets `c.var.user` (null for visitors) and `c.var.sessionHash` from the session cookie, and
// slides the session's expiry. A cookie that names no live session is cleared.
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import {
  clearSessionCookie,
  hasSessionCookie,
  readSessionCookie,
  writeSessionCookie,
} from './session-cookie.ts'
import { findSession, touchSession, TOUCH_EVERY_MS } from './sessions.repository.ts'

export const session: MiddlewareHandler<AppEnv> = async (c, next) => {
  await resolveSession(c)
  await next()
}

/** Idempotent: middleware outside /api that needs the caller can call it again. */
export async function resolveSession(c: Context<AppEnv>): Promise<void> {
  if (c.var.user !== undefined) return
  c.set('user', null)
  c.set('sessionHash', null)
  const token = readSessionCookie(c)
  if (!token) {
    if (hasSessionCookie(c)) clearSessionCookie(c)
    return
  }
  const found = await findSession(c.var.db, token)
  if (!found) {
    clearSessionCookie(c)
    return
  }
  c.set('user', found.user)
  c.set('sessionHash', found.tokenHash)
  if (Date.now() - found.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const idleDays = c.var.config.sessionIdleDays
    const expiresAt = await touchSession(c.var.db, { tokenHash: found.tokenHash, idleDays })
    writeSessionCookie(c, token, expiresAt)
  }
}
