// The authorisation matrix: every route of the app × every role (visitors included) × own and
// others' objects, against api/auth/policy.ts. A route missing from the table fails here.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mayActOnAny, mayCall, POLICY, ruleFor, type RouteRule } from '../../api/auth/policy.ts'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import type { AppEnv } from '../../api/app-env.ts'
import { authorize } from '../../api/auth/authorize.middleware.ts'
import { ROLES, type Caller } from '../../api/auth/roles.ts'
import { handleError } from '../../api/errors.ts'
import { createInvitation } from '../../api/invitations/invitations.repository.ts'
import {
  authTestApp,
  call,
  cookieFor,
  json,
  makeUser,
  type AuthTestApp,
  type ObjectCase,
  type TestUser,
} from './auth-fixtures.ts'

let t: AuthTestApp
const users = new Map<Caller, TestUser>()
beforeAll(async () => {
  // Write limits off: this file is about who may call what.
  t = await authTestApp({
    contentKinds: [...DEFAULT_CONTENT_KINDS],
    env: {
      RATE_LIMIT_ANON_WRITES: '0',
      RATE_LIMIT_USER_WRITES: '0',
      RATE_LIMIT_CLIENT_WRITES: '0',
    },
  })
  for (const role of ROLES) users.set(role, await makeUser(t.db, role))
})
afterAll(() => t?.close())

const CALLERS: Caller[] = ['visitor', ...ROLES]

/** "<METHOD> <pattern>" of every endpoint the app serves (use() middleware is ALL). */
function appRouteKeys(): string[] {
  const keys = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)
  return [...new Set(keys)].sort()
}

const PARAMS: Record<string, string> = {
  id: randomUUID(),
  token: 'A'.repeat(43),
  kind: 'note',
  fontstack: 'Noto Sans Regular',
  range: '0-255.pbf',
}

/** A concrete path for a route pattern. */
function pathFor(pattern: string): string {
  return pattern
    .replace(/:([a-z]+)(\{[^}]*\})?/gi, (_m, name: string) =>
      encodeURIComponent(PARAMS[name] ?? 'x'),
    )
    .replace(/\/\*$/, '/some/page')
}

async function request(key: string, caller: Caller) {
  const [method, pattern] = key.split(' ') as [string, string]
  const user = users.get(caller)
  const cookie = user ? await cookieFor(t.db, user.id) : undefined
  return call(t.app, method, pathFor(pattern), { cookie })
}

describe('the authorisation table', () => {
  it('classifies every route of the app', () => {
    const unclassified = appRouteKeys().filter((k) => !ruleFor(k))
    expect(unclassified, `add these routes to api/auth/policy.ts`).toEqual([])
  })

  it('names no route the app does not have', () => {
    const served = new Set(appRouteKeys())
    expect(Object.keys(POLICY).filter((k) => !served.has(k))).toEqual([])
  })

  it('refuses, with 500, a route that is not in the table', async () => {
    // Any route added to the real app after its catch-alls would be unreachable: the
    // middleware is tried on an app of its own.
    const app = new Hono<AppEnv>().use(authorize).get('/api/unlisted', (c) => c.text('secret'))
    app.onError(handleError)
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const res = await app.request('/api/unlisted')
      expect(res.status).toBe(500)
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unclassified_route')
    } finally {
      console.error = original
    }
    expect(String(errors[0])).toMatch(/GET \/api\/unlisted/)
  })
})

describe.each(Object.entries(POLICY) as [string, RouteRule][])('%s', (key, rule) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const res = await request(key, caller)
    const allowed = mayCall(rule, caller)
    if (allowed) {
      expect([401, 403, 500], `${key} as ${caller}: ${res.status}`).not.toContain(res.status)
    } else {
      expect(res.status, `${key} as ${caller}`).toBe(caller === 'visitor' ? 401 : 403)
      const body = await json<{ error: { code: string } }>(res)
      expect(body.error.code).toBe(caller === 'visitor' ? 'unauthenticated' : 'forbidden')
    }
  })
})

/** Routes on objects with an owner: ours here, other modules' from *.authz-cases.ts files. */
const INVITATION_CASES: Record<string, ObjectCase> = {
  'DELETE /api/invitations/:id': async ({ app, db }, caller, owner) => {
    const { row } = await createInvitation(db, {
      role: 'resident',
      email: null,
      createdBy: owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    const res = await call(app, 'DELETE', `/api/invitations/${row.id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    expect([204, 403]).toContain(res.status)
    return res.status === 204
  },
  'GET /api/invitations': async ({ app, db }, caller, owner) => {
    const { row } = await createInvitation(db, {
      role: 'resident',
      email: null,
      createdBy: owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    const res = await call(app, 'GET', '/api/invitations', {
      cookie: await cookieFor(db, caller.id),
    })
    expect(res.status).toBe(200)
    const body = await json<{ invitations: { id: string }[] }>(res)
    return body.invitations.some((i) => i.id === row.id)
  },
}

async function discoverObjectCases(): Promise<Record<string, ObjectCase>> {
  const dir = path.dirname(fileURLToPath(import.meta.url))
  const cases: Record<string, ObjectCase> = { ...INVITATION_CASES }
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.authz-cases.ts'))
    .sort()) {
    const mod = (await import(path.join(dir, file))) as { objectCases?: Record<string, ObjectCase> }
    Object.assign(cases, mod.objectCases ?? {})
  }
  return cases
}

const OBJECT_CASES = await discoverObjectCases()

const OWNED = (Object.entries(POLICY) as [string, RouteRule][]).filter(([, r]) => r.anyOwner)

describe('own and others’ objects', () => {
  it('has a case for every route with owners', () => {
    expect(OWNED.map(([k]) => k).filter((k) => !OBJECT_CASES[k])).toEqual([])
  })

  // Routes without a case fail the test above, once, naming them.
  describe.each(OWNED.filter(([k]) => OBJECT_CASES[k]))('%s', (key, rule) => {
    const roles = rule.roles === 'public' || rule.roles === 'signed-in' ? ROLES : rule.roles
    it.each([...roles])('as %s', async (role) => {
      const caller = await makeUser(t.db, role)
      // The owner of "another's object" has the same role: only ownership differs.
      const stranger = await makeUser(t.db, role)
      const ctx = { app: t.app, db: t.db }
      expect(await OBJECT_CASES[key]!(ctx, caller, caller), 'own object').toBe(true)
      expect(await OBJECT_CASES[key]!(ctx, caller, stranger), 'another’s object').toBe(
        mayActOnAny(rule, role),
      )
    })
  })
})

describe('the caller’s own data', () => {
  it.each(ROLES)('GET /api/me/export as %s exports that account only', async (role) => {
    const u = users.get(role)!
    const res = await call(t.app, 'GET', '/api/me/export', { cookie: await cookieFor(t.db, u.id) })
    expect(res.status).toBe(200)
    const body = await json<{ account: { id: string } }>(res)
    expect(body.account.id).toBe(u.id)
  })
})
