// Sign-in, sign-out, self-registration and "who am I".
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { ApiError } from '../errors.ts'
import { tooManyRequests } from '../security/too-many.ts'
import {
  createUser,
  emailTaken,
  findCredentials,
  isUniqueViolation,
  recordLogin,
  setPasswordHash,
} from '../users/users.repository.ts'
import { valid } from '../validate.ts'
import { unauthenticated } from './authorize.middleware.ts'
import { loginBody, registerBody } from './auth.schema.ts'
import { accountKey, forgetAttempt, startAttempt } from './login-attempts.repository.ts'
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './passwords.ts'
import { emailTakenError, meJson, meJsonFromRow, signIn } from './sign-in.ts'
import { clearSessionCookie } from './session-cookie.ts'
import { deleteSession, deleteUserSessions } from './sessions.repository.ts'

export const authRoutes = new Hono<AppEnv>()
  .use('/auth/*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  .post('/auth/login', valid('json', loginBody), async (c) => {
    const { email, password } = c.req.valid('json')
    const db = c.var.db
    const attempt = await startAttempt(db, accountKey(email))
    if (!attempt.allowed) {
      throw tooManyRequests(c, attempt.retryAfterSeconds, 'Too many failed sign-ins: wait a minute')
    }
    const user = await findCredentials(db, { email })
    const ok = user
      ? await verifyPassword(user.password_hash, password)
      : await verifyNothing(password)
    if (!user || !ok) {
      throw new ApiError(401, 'invalid_credentials', 'Wrong email or password')
    }
    await forgetAttempt(db, attempt.attemptId)
    // Hashes made with older Argon2 parameters are replaced while we have the password.
    if (needsRehash(user.password_hash)) {
      await setPasswordHash(db, user.id, await hashPassword(password))
    }
    await recordLogin(db, user.id)
    await signIn(c, user.id)
    return c.json({
      user: meJsonFromRow(user),
    })
  })
  .post('/auth/register', valid('json', registerBody), async (c) => {
    if (!c.var.config.selfRegistration) {
      throw new ApiError(403, 'registration_closed', 'Accounts are created by invitation only')
    }
    const body = c.req.valid('json')
    const db = c.var.db
    if (await emailTaken(db, body.email)) throw emailTakenError()
    const passwordHash = await hashPassword(body.password)
    const user = await db
      .transaction()
      .execute(async (tx) => {
        const u = await createUser(tx, { ...body, passwordHash, role: 'resident' })
        await audit(tx, {
          actor: { id: u.id, role: 'visitor' },
          action: 'user.register',
          target: { kind: 'user', id: u.id },
          after: { role: u.role },
        })
        return u
      })
      .catch((err: unknown) => {
        // Two sign-ups with one email at the same moment: the second loses here.
        throw isUniqueViolation(err) ? emailTakenError() : err
      })
    await signIn(c, user.id)
    return c.json(
      {
        user: meJsonFromRow(user),
      },
      201,
    )
  })
  .post('/auth/logout', async (c) => {
    if (c.var.sessionHash) await deleteSession(c.var.db, c.var.sessionHash)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
  .post('/auth/logout-all', async (c) => {
    const user = c.var.user
    if (!user) throw unauthenticated()
    const ended = await deleteUserSessions(c.var.db, user.id)
    clearSessionCookie(c)
    await audit(c.var.db, {
      actor: actorOf(c),
      action: 'session.revoke_all',
      target: { kind: 'user', id: user.id },
      after: { sessionsEnded: ended },
    })
    return c.json({ sessionsEnded: ended })
  })
  .get('/auth/me', (c) => {
    const user = c.var.user
    return c.json({ user: user ? meJson(user) : null })
  })
