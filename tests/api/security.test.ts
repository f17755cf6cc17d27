// CSRF, CORS, security headers, and the append-only audit log.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { audit } from '../../api/audit/audit.ts'
import {
  authTestApp,
  call,
  cookieFor,
  json,
  makeUser,
  type AuthTestApp,
  type TestUser,
} from './auth-fixtures.ts'

let t: AuthTestApp
let moderator: TestUser
beforeAll(async () => {
  t = await authTestApp()
  moderator = await makeUser(t.db, 'moderator')
})
afterAll(() => t?.close())

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code
const settings = { residentsPublishDirectly: true }

describe('CSRF: unsafe requests with a session cookie', () => {
  it('pass with a same-origin Origin and a JSON body', async () => {
    const cookie = await cookieFor(t.db, moderator.id)
    const res = await call(t.app, 'PUT', '/api/moderation/settings', { cookie, body: settings })
    expect(res.status).toBe(200)
  })

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['multipart', 'multipart/form-data; boundary=----x'],
    ['urlencoded', 'application/x-www-form-urlencoded'],
    ['missing', null],
  ])('are refused with a %s content type (415)', async (_name, contentType) => {
    const cookie = await cookieFor(t.db, moderator.id)
    const res = await call(t.app, 'PUT', '/api/moderation/settings', {
      cookie,
      contentType,
      raw: JSON.stringify(settings),
    })
    expect(res.status).toBe(415)
    expect(await code(res)).toBe('unsupported_media_type')
  })

  it.each([
    ['another site', 'https://evil.example'],
    ['a look-alike', 'http://localhost.evil.example'],
    ['another port', 'http://localhost:8080'],
    ['a sandboxed frame', 'null'],
    ['no Origin', null],
  ])('are refused from %s (403)', async (_name, origin) => {
    const cookie = await cookieFor(t.db, moderator.id)
    const res = await call(t.app, 'PUT', '/api/moderation/settings', {
      cookie,
      origin,
      body: settings,
    })
    expect(res.status).toBe(403)
    expect(await code(res)).toBe('csrf')
  })

  it('pass from an origin in CORS_ORIGINS', async () => {
    const app = t.withEnv({ CORS_ORIGINS: 'https://comune.example' })
    const cookie = await cookieFor(t.db, moderator.id)
    const res = await call(app, 'PUT', '/api/moderation/settings', {
      cookie,
      origin: 'https://comune.example',
      body: settings,
    })
    expect(res.status).toBe(200)
  })

  it('apply to DELETE too, and even to sign-out', async () => {
    const cookie = await cookieFor(t.db, moderator.id)
    const res = await call(t.app, 'POST', '/api/auth/logout', {
      cookie,
      origin: 'https://evil.example',
    })
    expect(res.status).toBe(403)
    expect((await json(await call(t.app, 'GET', '/api/auth/me', { cookie }))).user).not.toBeNull()
  })
})

describe('CSRF: unsafe requests without a cookie', () => {
  it('need a JSON content type too (no form can sign someone in)', async () => {
    const res = await call(t.app, 'POST', '/api/auth/login', {
      contentType: 'application/x-www-form-urlencoded',
      raw: 'email=a%40example.org&password=x',
    })
    expect(res.status).toBe(415)
  })

  it('are refused from a foreign Origin', async () => {
    const res = await call(t.app, 'POST', '/api/auth/login', {
      origin: 'https://evil.example',
      body: { email: 'a@example.org', password: 'x' },
    })
    expect(res.status).toBe(403)
  })

  it('pass without an Origin (scripts, curl): there is no ambient credential to abuse', async () => {
    const res = await call(t.app, 'POST', '/api/auth/login', {
      origin: null,
      body: { email: 'nobody@example.org', password: 'x' },
    })
    expect(res.status).toBe(401)
  })

  it('leave safe methods alone', async () => {
    const res = await call(t.app, 'GET', '/api/health', { origin: 'https://evil.example' })
    expect(res.status).toBe(200)
  })
})

describe('CORS', () => {
  it('is closed by default: no Access-Control-Allow-Origin, preflights fail', async () => {
    const get = await call(t.app, 'GET', '/api/areas/indicators', {
      headers: { origin: 'https://comune.example' },
    })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await t.app.request('/api/auth/login', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://comune.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers the origins in CORS_ORIGINS, with credentials, and only those', async () => {
    const app = t.withEnv({ CORS_ORIGINS: 'https://comune.example,https://museo.example' })
    const preflight = await app.request('/api/auth/login', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://museo.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://museo.example')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    const other = await app.request('/api/areas/indicators', {
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('security headers', () => {
  it.each(['/api/health', '/api/no-such-thing', '/'])('are on %s', async (path) => {
    const res = await t.app.request(path)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("worker-src 'self' blob:")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('name the default basemap host when the online style is used', async () => {
    const app = t.withEnv({ BASEMAP_STYLE_URL: 'https://tiles.openfreemap.org/styles/liberty' })
    const csp = (await app.request('/api/health')).headers.get('content-security-policy')!
    expect(csp).toMatch(/connect-src 'self' https:\/\/tiles\.openfreemap\.org/)
  })
})

describe('the audit log', () => {
  it('cannot be updated, deleted or truncated through the application connection', async () => {
    await audit(t.db, {
      actor: { id: null, role: 'system' },
      action: 'test.write',
      target: { kind: 'test', id: '1' },
    })
    await expect(
      t.db.updateTable('audit_log').set({ reason: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/)
    const rows = await t.db.selectFrom('audit_log').select('reason').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.reason === 'rewritten')).toBe(false)
  })

  it('is readable by admins only, newest first', async () => {
    const admin = await makeUser(t.db, 'admin')
    const res = await call(t.app, 'GET', '/api/audit?limit=2', {
      cookie: await cookieFor(t.db, admin.id),
    })
    expect(res.status).toBe(200)
    const body = await json<{ entries: { id: string }[]; next: string | null }>(res)
    expect(body.entries).toHaveLength(2)
    expect(Number(body.entries[0]!.id)).toBeGreaterThan(Number(body.entries[1]!.id))
    expect(body.next).toMatch(/before=/)
    const res2 = await call(t.app, 'GET', '/api/audit', {
      cookie: await cookieFor(t.db, moderator.id),
    })
    expect(res2.status).toBe(403)
  })
})
