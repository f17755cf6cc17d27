// The caller's own data: export (GET /api/me/export) and erasure (DELETE /api/me).
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf } from '../audit/audit.ts'
import { unauthenticated } from '../auth/authorize.middleware.ts'
import { accountKey, forgetAttempt, startAttempt } from '../auth/login-attempts.repository.ts'
import { verifyPassword } from '../auth/passwords.ts'
import { clearSessionCookie } from '../auth/session-cookie.ts'
import { ApiError } from '../errors.ts'
import { tooManyRequests } from '../security/too-many.ts'
import { valid } from '../validate.ts'
import { eraseUser } from './erasure.ts'
import { buildExport } from './export.ts'
import { findCredentials } from './users.repository.ts'
import { eraseMeBody } from './users.schema.ts'

export const meRoutes = new Hono<AppEnv>()
  .get('/me/export', async (c) => {
    const user = c.var.user
    if (!user) throw unauthenticated()
    const data = await buildExport(c.var.db, c.var.contentKinds, {
      userId: user.id,
      currentSessionHash: c.var.sessionHash,
    })
    if (!data) throw unauthenticated()
    c.header('Cache-Control', 'no-store')
    c.header('Content-Disposition', 'attachment; filename="intrecci-dati-personali.json"')
    return c.json(data)
  })
  .delete('/me', valid('json', eraseMeBody), async (c) => {
    const user = c.var.user
    if (!user) throw unauthenticated()
    const db = c.var.db
    // The password is checked under the same brute-force limit as sign-in.
    const attempt = await startAttempt(db, accountKey(user.email))
    if (!attempt.allowed) {
      throw tooManyRequests(c, attempt.retryAfterSeconds, 'Too many wrong passwords: wait a minute')
    }
    const account = await findCredentials(db, { id: user.id })
    if (!account || !(await verifyPassword(account.password_hash, c.req.valid('json').password))) {
      throw new ApiError(403, 'wrong_password', 'The password is not right', [
        { field: 'password', message: 'not the password of this account' },
      ])
    }
    await forgetAttempt(db, attempt.attemptId)
    const result = await eraseUser(db, c.var.contentKinds, account, actorOf(c))
    clearSessionCookie(c)
    c.header('Cache-Control', 'no-store')
    return c.json({ erased: true, ...result })
  })
