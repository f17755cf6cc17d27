// Brute force on sign-in (per account, in the database, whatever the address), write limits per
// client and per account, and body size limits.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOGIN_MAX_FAILURES } from '../../api/auth/login-attempts.repository.ts'
import {
  authTestApp,
  call,
  cookieFor,
  json,
  makeUser,
  PASSWORD,
  type AuthTestApp,
} from './auth-fixtures.ts'

let t: AuthTestApp
beforeAll(async () => {
  t = await authTestApp()
})
afterAll(() => t?.close())

const login = (email: string, password: string, address: string, app = t.app) =>
  call(app, 'POST', '/api/auth/login', { body: { email, password }, address })

describe('sign-in brute force', () => {
  it('answers the 6th attempt on an account with 429 and Retry-After, from 10 addresses', async () => {
    const u = await makeUser(t.db, 'admin')
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 1; i <= 10; i++) {
      const res = await login(u.email, `wrong guess ${i}`, `198.51.100.${i}`)
      statuses.push(res.status)
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after')
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    // Even the right password waits: otherwise the limit would tell a guesser when it hit.
    const right = await login(u.email, PASSWORD, '198.51.100.77')
    expect(right.status).toBe(429)
    expect((await json<{ error: { code: string } }>(right)).error.code).toBe('rate_limited')
  })

  it('counts failures per account: another account is not locked', async () => {
    const a = await makeUser(t.db, 'resident')
    const b = await makeUser(t.db, 'resident')
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await login(a.email, 'nope nope', '192.0.2.1')
    expect((await login(a.email, PASSWORD, '192.0.2.1')).status).toBe(429)
    expect((await login(b.email, PASSWORD, '192.0.2.1')).status).toBe(200)
  })

  it('lets the account in again once the failures are over a minute old', async () => {
    const u = await makeUser(t.db, 'resident')
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await login(u.email, 'nope nope', '192.0.2.2')
    expect((await login(u.email, PASSWORD, '192.0.2.2')).status).toBe(429)
    await sql`update login_attempts set at = at - interval '61 seconds'`.execute(t.db)
    expect((await login(u.email, PASSWORD, '192.0.2.2')).status).toBe(200)
  })

  it('does not count successful sign-ins as failures', async () => {
    const u = await makeUser(t.db, 'resident')
    for (let i = 0; i < LOGIN_MAX_FAILURES + 2; i++) {
      expect((await login(u.email, PASSWORD, '192.0.2.3')).status).toBe(200)
    }
  })

  it('locks unknown emails the same way, so 429 reveals no account', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await login('ghost@example.org', 'x', `192.0.2.${10 + i}`)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
  })

  it('holds under parallel guesses: at most 5 get a password check', async () => {
    const u = await makeUser(t.db, 'moderator')
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(u.email, `parallel ${i}`, `203.0.113.${i + 1}`)),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX_FAILURES)
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_MAX_FAILURES)
  })

  it('keeps no email in the attempts table', async () => {
    const rows = await t.db.selectFrom('login_attempts').selectAll().execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain('@')
  })
})

describe('write limits', () => {
  const register = (
    app: typeof t.app,
    i: number,
    o: { address: string; headers?: Record<string, string> },
  ) =>
    call(app, 'POST', '/api/auth/register', {
      body: { email: `limit-${i}@example.org`, password: 'short' }, // 400, but counted
      ...o,
    })

  it('limits a visitor per client address, with Retry-After', async () => {
    const app = t.withEnv({ RATE_LIMIT_ANON_WRITES: '3' })
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await register(app, i, { address: '192.0.2.50' })).status)
    expect(statuses).toEqual([400, 400, 400, 429])
    const res = await register(app, 5, { address: '192.0.2.50' })
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Another address has its own bucket.
    expect((await register(app, 6, { address: '192.0.2.51' })).status).toBe(400)
  })

  it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    const app = t.withEnv({ RATE_LIMIT_ANON_WRITES: '2' })
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${100 + i}` }
      statuses.push((await register(app, i, { address: '192.0.2.60', headers })).status)
    }
    expect(statuses).toEqual([400, 400, 429])
  })

  it('believes X-Forwarded-For from a trusted proxy', async () => {
    const app = t.withEnv({ RATE_LIMIT_ANON_WRITES: '2', TRUSTED_PROXY: '10.0.0.0/8' })
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${100 + i}` }
      statuses.push((await register(app, i, { address: '10.1.2.3', headers })).status)
    }
    expect(statuses).toEqual([400, 400, 400])
  })

  it('limits a signed-in person per account, whatever the address', async () => {
    const app = t.withEnv({ RATE_LIMIT_USER_WRITES: '2' })
    const u = await makeUser(t.db, 'moderator')
    const cookie = await cookieFor(t.db, u.id)
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const res = await call(app, 'PUT', '/api/moderation/settings', {
        cookie,
        address: `198.51.100.${200 + i}`,
        body: { residentsPublishDirectly: true },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([200, 200, 429])
  })

  it('limits all writes from one address, accounts or not', async () => {
    const app = t.withEnv({ RATE_LIMIT_CLIENT_WRITES: '2' })
    const users = [await makeUser(t.db, 'moderator'), await makeUser(t.db, 'moderator')]
    const statuses = []
    for (const [i, u] of [...users, users[0]!].entries()) {
      const res = await call(app, 'PUT', '/api/moderation/settings', {
        cookie: await cookieFor(t.db, u.id),
        address: '192.0.2.99',
        body: { residentsPublishDirectly: i % 2 === 0 },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([200, 200, 429])
  })

  it('leaves reads alone', async () => {
    const app = t.withEnv({ RATE_LIMIT_ANON_WRITES: '1', RATE_LIMIT_CLIENT_WRITES: '1' })
    for (let i = 0; i < 5; i++) {
      expect((await call(app, 'GET', '/api/auth/me', { address: '192.0.2.70' })).status).toBe(200)
    }
  })
})

describe('body size', () => {
  it('refuses a JSON body over 1 MiB with 413 before reading it', async () => {
    const u = await makeUser(t.db, 'resident')
    const big = JSON.stringify({ email: u.email, password: 'x'.repeat(2 * 1024 * 1024) })
    const res = await call(t.app, 'POST', '/api/auth/login', { raw: big, address: '192.0.2.80' })
    expect(res.status).toBe(413)
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('payload_too_large')
  })
})
