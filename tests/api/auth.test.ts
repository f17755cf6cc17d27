// Accounts and sessions: registration, sign-in, the session cookie, sliding expiry, sign-out.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hash, verify } from '@node-rs/argon2'
import { TOUCH_EVERY_MS } from '../../api/auth/sessions.repository.ts'
import {
  authTestApp,
  call,
  cookieFor,
  json,
  makeUser,
  PASSWORD,
  sessionFrom,
  type AuthTestApp,
} from './auth-fixtures.ts'

let t: AuthTestApp
beforeAll(async () => {
  t = await authTestApp()
})
afterAll(() => t?.close())

interface Me {
  user: { id: string; email: string; displayName: string; role: string } | null
}

const me = async (cookie?: string) => json<Me>(await call(t.app, 'GET', '/api/auth/me', { cookie }))

describe('POST /api/auth/register', () => {
  it('creates a resident, signs them in with an HttpOnly SameSite=Lax cookie', async () => {
    const res = await call(t.app, 'POST', '/api/auth/register', {
      body: { email: '  Giulia.Rossi@Example.org ', password: PASSWORD, displayName: 'Giulia' },
    })
    expect(res.status).toBe(201)
    const body = await json<Me>(res)
    expect(body.user).toMatchObject({ email: 'giulia.rossi@example.org', role: 'resident' })
    const setCookie = res.headers.getSetCookie().join('\n')
    expect(setCookie).toMatch(/intrecci_session=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).not.toMatch(/Secure/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect((await me(sessionFrom(res))).user?.displayName).toBe('Giulia')
  })

  it('stores an Argon2id hash with the OWASP parameters, never the password', async () => {
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'giulia.rossi@example.org')
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(row.password_hash).not.toContain(PASSWORD)
  })

  it('refuses an email already registered, whatever its case (409)', async () => {
    const res = await call(t.app, 'POST', '/api/auth/register', {
      body: { email: 'GIULIA.ROSSI@example.org', password: PASSWORD, displayName: 'Other' },
    })
    expect(res.status).toBe(409)
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('email_taken')
  })

  it.each([
    [{ email: 'not-an-email', password: PASSWORD, displayName: 'A' }, 'email'],
    [{ email: 'a@example.org', password: 'short', displayName: 'A' }, 'password'],
    [{ email: 'a@example.org', password: PASSWORD, displayName: '' }, 'displayName'],
    [{ email: 'a@example.org', password: PASSWORD, displayName: 'bell\u0007' }, 'displayName'],
    [{ email: 'a@example.org', password: 'x'.repeat(300), displayName: 'A' }, 'password'],
  ])('answers 400 naming the field at fault (%#)', async (body, field) => {
    const res = await call(t.app, 'POST', '/api/auth/register', { body })
    expect(res.status).toBe(400)
    const err = await json<{ error: { code: string; details: { field: string }[] } }>(res)
    expect(err.error.code).toBe('invalid_input')
    expect(err.error.details[0]!.field).toBe(field)
  })

  it('is refused when self-registration is off', async () => {
    const app = t.withEnv({ SELF_REGISTRATION: 'off' })
    const res = await call(app, 'POST', '/api/auth/register', {
      body: { email: 'closed@example.org', password: PASSWORD, displayName: 'C' },
    })
    expect(res.status).toBe(403)
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('registration_closed')
  })

  it('tells the web app through /api/config whether visitors may register', async () => {
    const read = async (app: typeof t.app) =>
      (await json<{ accounts: unknown }>(await call(app, 'GET', '/api/config'))).accounts
    expect(await read(t.app)).toEqual({ selfRegistration: true })
    expect(await read(t.withEnv({ SELF_REGISTRATION: 'off' }))).toEqual({
      selfRegistration: false,
    })
  })

  it('writes an audit row without the email or the name', async () => {
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.register')
      .execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toMatch(/giulia/i)
  })
})

describe('POST /api/auth/login', () => {
  it('signs in with the right password and records the time', async () => {
    const u = await makeUser(t.db, 'planner')
    const res = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email.toUpperCase(), password: PASSWORD },
    })
    expect(res.status).toBe(200)
    expect((await json<Me>(res)).user).toMatchObject({ id: u.id, role: 'planner' })
    expect((await me(sessionFrom(res))).user?.id).toBe(u.id)
    const row = await t.db
      .selectFrom('users')
      .select('last_login_at')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row.last_login_at).not.toBeNull()
  })

  it('answers the same 401 for a wrong password and for an unknown email', async () => {
    const u = await makeUser(t.db, 'resident')
    const wrong = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: 'not the password' },
    })
    const unknown = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: 'nobody-here@example.org', password: 'not the password' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    expect(sessionFrom(wrong)).toBeUndefined()
  })

  it('gives each sign-in a new session token', async () => {
    const u = await makeUser(t.db, 'resident')
    const a = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
    })
    const b = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
    })
    expect(sessionFrom(a)).not.toEqual(sessionFrom(b))
  })

  it('stores only the SHA-256 of the session token', async () => {
    const u = await makeUser(t.db, 'resident')
    const res = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
    })
    const token = sessionFrom(res)!.split('=')[1]!
    const rows = await t.db.selectFrom('sessions').select('token_hash').execute()
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('rehashes a password stored with older Argon2 parameters', async () => {
    const u = await makeUser(t.db, 'resident')
    // Argon2id (algorithm 2) with weaker, older parameters.
    const old = await hash(PASSWORD, {
      algorithm: 2,
      memoryCost: 4096,
      timeCost: 3,
      parallelism: 1,
    })
    await t.db.updateTable('users').set({ password_hash: old }).where('id', '=', u.id).execute()
    const res = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
    })
    expect(res.status).toBe(200)
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verify(row.password_hash, PASSWORD)).toBe(true)
  })
})

describe('the session cookie', () => {
  it('is Secure when COOKIE_SECURE=on', async () => {
    const u = await makeUser(t.db, 'resident')
    const res = await call(t.withEnv({ COOKIE_SECURE: 'on' }), 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
    })
    expect(res.headers.getSetCookie().join()).toMatch(/; Secure/)
  })

  it('is Secure over https, and not because an untrusted client says X-Forwarded-Proto', async () => {
    const u = await makeUser(t.db, 'resident')
    const body = JSON.stringify({ email: u.email, password: PASSWORD })
    const headers = { 'content-type': 'application/json' }
    const https = await t.app.request('https://intrecci.example/api/auth/login', {
      method: 'POST',
      headers: { ...headers, origin: 'https://intrecci.example' },
      body,
    })
    expect(https.headers.getSetCookie().join()).toMatch(/; Secure/)
    const forged = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(forged.status).toBe(200)
    expect(forged.headers.getSetCookie().join()).not.toMatch(/Secure/)
  })

  it('is Secure behind a trusted proxy that says https', async () => {
    const u = await makeUser(t.db, 'resident')
    const app = t.withEnv({ TRUSTED_PROXY: '10.0.0.2' })
    const res = await call(app, 'POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
      address: '10.0.0.2',
      origin: 'https://localhost',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().join()).toMatch(/; Secure/)
  })

  it('slides the expiry when used after a while, and re-issues the cookie', async () => {
    const u = await makeUser(t.db, 'resident')
    const cookie = await cookieFor(t.db, u.id)
    const fresh = await call(t.app, 'GET', '/api/auth/me', { cookie })
    expect(fresh.headers.getSetCookie()).toEqual([]) // just created: no write
    await sql`update sessions set last_seen_at = now() - interval '1 hour',
      expires_at = now() + interval '1 day' where user_id = ${u.id}`.execute(t.db)
    const later = await call(t.app, 'GET', '/api/auth/me', { cookie })
    expect((await json<Me>(later)).user?.id).toBe(u.id)
    expect(later.headers.getSetCookie().join()).toMatch(/intrecci_session=.*Max-Age=259\d{4}/)
    const row = await t.db
      .selectFrom('sessions')
      .select(['expires_at', 'last_seen_at'])
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
    expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(TOUCH_EVERY_MS)
  })

  it('of an expired session makes a visitor, and is cleared', async () => {
    const u = await makeUser(t.db, 'resident')
    const cookie = await cookieFor(t.db, u.id)
    await sql`update sessions set created_at = now() - interval '40 days',
      last_seen_at = now() - interval '31 days', expires_at = now() - interval '1 day'
      where user_id = ${u.id}`.execute(t.db)
    const res = await call(t.app, 'GET', '/api/auth/me', { cookie })
    expect((await json<Me>(res)).user).toBeNull()
    expect(res.headers.getSetCookie().join()).toMatch(/intrecci_session=;.*Max-Age=0/)
  })

  it('that is forged or malformed makes a visitor', async () => {
    for (const cookie of ['intrecci_session=' + 'A'.repeat(43), 'intrecci_session=../../x']) {
      expect((await me(cookie)).user).toBeNull()
    }
  })
})

describe('signing out', () => {
  it('POST /api/auth/logout ends this session only', async () => {
    const u = await makeUser(t.db, 'resident')
    const a = await cookieFor(t.db, u.id)
    const b = await cookieFor(t.db, u.id)
    const res = await call(t.app, 'POST', '/api/auth/logout', { cookie: a })
    expect(res.status).toBe(204)
    expect(res.headers.getSetCookie().join()).toMatch(/intrecci_session=;.*Max-Age=0/)
    expect((await me(a)).user).toBeNull()
    expect((await me(b)).user?.id).toBe(u.id)
  })

  it('POST /api/auth/logout without a session is harmless', async () => {
    expect((await call(t.app, 'POST', '/api/auth/logout')).status).toBe(204)
  })

  it('POST /api/auth/logout-all ends every session of the account', async () => {
    const u = await makeUser(t.db, 'resident')
    const other = await makeUser(t.db, 'resident')
    const cookies = [await cookieFor(t.db, u.id), await cookieFor(t.db, u.id)]
    const bystander = await cookieFor(t.db, other.id)
    const res = await call(t.app, 'POST', '/api/auth/logout-all', { cookie: cookies[0] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ sessionsEnded: 2 })
    for (const c of cookies) expect((await me(c)).user).toBeNull()
    expect((await me(bystander)).user?.id).toBe(other.id)
  })

  it('GET /api/auth/me says null for a visitor', async () => {
    const res = await call(t.app, 'GET', '/api/auth/me')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ user: null })
  })
})

describe('roles', () => {
  it('a role change applies at the next request of an existing session', async () => {
    const admin = await makeUser(t.db, 'admin')
    const u = await makeUser(t.db, 'resident')
    const cookie = await cookieFor(t.db, u.id)
    const res = await call(t.app, 'PATCH', `/api/users/${u.id}`, {
      cookie: await cookieFor(t.db, admin.id),
      body: { role: 'moderator' },
    })
    expect(res.status).toBe(200)
    expect((await me(cookie)).user?.role).toBe('moderator')
  })
})
