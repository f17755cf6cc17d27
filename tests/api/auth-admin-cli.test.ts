// `npm run admin -- …`: the first admin, role changes and password resets without the web.
import { spawnSync } from 'node:child_process'
import { verify } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AdminCommandError,
  createAdmin,
  setUserPassword,
  setUserRole,
} from '../../api/users/admin-commands.ts'
import { tempDir } from '../helpers/server.ts'
import { createServerDatabase } from '../helpers/db.ts'
import { ROOT } from '../helpers/paths.ts'
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

describe('admin create', () => {
  it('creates an admin who can sign in, with an audit row by the system', async () => {
    const line = await createAdmin(t.db, { email: 'Prima.Admin@example.org', password: PASSWORD })
    expect(line).toMatch(/^created admin prima\.admin@example\.org \(id [0-9a-f-]{36}; 1 admin/)
    const res = await call(t.app, 'POST', '/api/auth/login', {
      body: { email: 'prima.admin@example.org', password: PASSWORD },
    })
    expect(res.status).toBe(200)
    const { user } = await json<{ user: { id: string; role: string } }>(res)
    expect(user.role).toBe('admin')
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ action: 'user.create', actor_id: null, actor_role: 'system' })
  })

  it.each([
    [{ email: 'prima.admin@example.org', password: PASSWORD }, /already exists/],
    [{ email: 'not an email', password: PASSWORD }, /^email:/],
    [{ email: 'b@example.org', password: 'short' }, /^password:/],
  ])('refuses %o with one clear line', async (input, message) => {
    await expect(createAdmin(t.db, input)).rejects.toThrow(AdminCommandError)
    await expect(createAdmin(t.db, input)).rejects.toThrow(message)
  })
})

describe('admin set-role', () => {
  it('changes a role, audited', async () => {
    const u = await makeUser(t.db, 'resident')
    expect(await setUserRole(t.db, { email: u.email, role: 'facilitator' })).toBe(
      `${u.email}: resident → facilitator`,
    )
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.role')
      .where('target_id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ before: { role: 'resident' }, after: { role: 'facilitator' } })
  })

  it('refuses an unknown role or account, and demoting the only admin', async () => {
    const u = await makeUser(t.db, 'resident')
    await expect(setUserRole(t.db, { email: u.email, role: 'king' })).rejects.toThrow(/role:/)
    await expect(setUserRole(t.db, { email: 'no@example.org', role: 'admin' })).rejects.toThrow(
      /no account/,
    )
    await expect(
      setUserRole(t.db, { email: 'prima.admin@example.org', role: 'resident' }),
    ).rejects.toThrow(/only admin/)
  })
})

describe('admin set-password', () => {
  it('sets a new password and ends every session', async () => {
    const u = await makeUser(t.db, 'moderator')
    const cookie = await cookieFor(t.db, u.id)
    expect(await setUserPassword(t.db, { email: u.email, password: 'a brand new secret' })).toBe(
      `new password for ${u.email} (1 session ended)`,
    )
    const me = await call(t.app, 'GET', '/api/auth/me', { cookie })
    expect((await json(me)).user).toBeNull()
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(await verify(row.password_hash, 'a brand new secret')).toBe(true)
  })
})

describe('the command line', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'api/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ADMIN_PASSWORD: '', ...env },
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 120_000,
    })

  it('prints the usage and exits 1 without a command', () => {
    const r = run([])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/usage: npm run admin -- create <email>/)
  })

  it('asks for ADMIN_PASSWORD when there is no terminal', () => {
    const r = run(['create', 'x@example.org'])
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe(
      'intrecci admin: no terminal to ask the password on: set ADMIN_PASSWORD',
    )
  })

  it(
    'creates the first admin on a new database, printing one line',
    { timeout: 180_000 },
    async () => {
      // The server run gets a database of its own; otherwise a new embedded one.
      const server = process.env.DATABASE_URL ? await createServerDatabase() : undefined
      try {
        const r = run(['create', 'cli@example.org', '--name', 'Ufficio'], {
          DATABASE_URL: server?.url ?? '',
          DATA_DIR: tempDir(),
          ADMIN_PASSWORD: PASSWORD,
        })
        expect(r.stderr).toBe('')
        expect(r.status).toBe(0)
        expect(r.stdout.trim().split('\n')).toHaveLength(1)
        expect(r.stdout).toMatch(/^created admin cli@example\.org/)
      } finally {
        await server?.drop()
      }
    },
  )
})
