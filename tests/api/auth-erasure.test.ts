// The personal data export, and erasure that leaves no trace of the email and the name in any
// table, ends the sessions and keeps contributions without their author.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import {
  addNote,
  authTestApp,
  call,
  cookieFor,
  createNotesTable,
  json,
  makeUser,
  noteKind,
  noteStatus,
  PASSWORD,
  type AuthTestApp,
  type TestUser,
} from './auth-fixtures.ts'

let t: AuthTestApp
let admin: TestUser
beforeAll(async () => {
  // The app's real content kinds too: their forgetAuthor() runs in every erasure.
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS, noteKind] })
  await createNotesTable(t.db)
  admin = await makeUser(t.db, 'admin')
})
afterAll(() => t?.close())

/** Every base table of the schema whose rows, as text, contain the needle (any case). */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.db)
  expect(tables.rows.map((r) => r.name)).toEqual(
    expect.arrayContaining(['users', 'sessions', 'invitations', 'audit_log', 'reports']),
  )
  const found: string[] = []
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)} as t
      where strpos(lower(t::text), ${needle.toLowerCase()}) > 0`.execute(t.db)
    if (r.rows[0]!.n > 0) found.push(name)
  }
  return found
}

/** A person with something in every table that can hold personal data. */
async function busyPerson(email: string, displayName: string) {
  const res = await call(t.app, 'POST', '/api/invitations', {
    cookie: await cookieFor(t.db, admin.id),
    body: { role: 'facilitator', email },
  })
  const { token } = await json<{ token: string }>(res)
  const accepted = await call(t.app, 'POST', `/api/invitations/${token}/accept`, {
    body: { email, password: PASSWORD, displayName },
  })
  expect(accepted.status).toBe(201)
  const { user } = await json<{ user: { id: string } }>(accepted)
  const cookie = await cookieFor(t.db, user.id)
  const other = await cookieFor(t.db, user.id)
  // Invites someone, writes a note, reports another, fails a sign-in.
  expect(
    (
      await call(t.app, 'POST', '/api/invitations', {
        cookie,
        body: { role: 'resident', email: `friend-${Date.now()}@example.net` },
      })
    ).status,
  ).toBe(201)
  const note = await addNote(t.db, { authorId: user.id, body: 'Una nota sul quartiere' })
  const reported = await addNote(t.db)
  expect(
    (
      await call(t.app, 'POST', '/api/reports', {
        cookie,
        body: { kind: 'note', id: reported, reason: 'Non pertinente' },
      })
    ).status,
  ).toBe(201)
  await call(t.app, 'POST', '/api/auth/login', { body: { email, password: 'wrong password' } })
  return { id: user.id, cookie, other, note }
}

describe('GET /api/me/export', () => {
  it('gives the caller everything held about them, as a JSON download', async () => {
    const p = await busyPerson('export.me@example.org', 'Esportatore')
    const res = await call(t.app, 'GET', '/api/me/export', { cookie: p.cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.json"/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await json<{
      account: { email: string; displayName: string; role: string }
      sessions: { current: boolean }[]
      invitationsCreated: { email: string }[]
      reports: { reason: string }[]
      activity: { action: string }[]
      contributions: { note: { id: string }[] }
    }>(res)
    expect(body.account).toMatchObject({
      email: 'export.me@example.org',
      displayName: 'Esportatore',
      role: 'facilitator',
    })
    expect(body.sessions.length).toBeGreaterThanOrEqual(2)
    expect(body.sessions.filter((s) => s.current)).toHaveLength(1)
    expect(body.invitationsCreated[0]!.email).toMatch(/^friend-\d+@example.net$/)
    expect(body.reports[0]!.reason).toBe('Non pertinente')
    expect(body.activity.map((a) => a.action)).toEqual(
      expect.arrayContaining(['invitation.create', 'report.create']),
    )
    expect(body.contributions.note.map((n) => n.id)).toEqual([p.note])
    expect(JSON.stringify(body)).not.toMatch(/password|token_hash|argon2/i)
  })
})

describe('DELETE /api/me', () => {
  it('needs the password', async () => {
    const u = await makeUser(t.db, 'resident')
    const cookie = await cookieFor(t.db, u.id)
    expect((await call(t.app, 'DELETE', '/api/me', { cookie })).status).toBe(400)
    const wrong = await call(t.app, 'DELETE', '/api/me', {
      cookie,
      body: { password: 'not my password' },
    })
    expect(wrong.status).toBe(403)
    expect((await json(await call(t.app, 'GET', '/api/auth/me', { cookie }))).user).not.toBeNull()
  })

  it('leaves no trace of the email or the name in any table, and ends every session', async () => {
    const email = 'zelda.cancellabile@example.org'
    const name = 'Zelda Quintavalle'
    const p = await busyPerson(email, name)
    expect(await tablesContaining(email)).toEqual(expect.arrayContaining(['users', 'invitations']))
    expect(await tablesContaining(name)).toEqual(['users'])

    const res = await call(t.app, 'DELETE', '/api/me', {
      cookie: p.cookie,
      body: { password: PASSWORD },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ erased: true, contributions: 1 })
    expect(res.headers.getSetCookie().join()).toMatch(/intrecci_session=;.*Max-Age=0/)

    expect(await tablesContaining(email)).toEqual([])
    expect(await tablesContaining(name)).toEqual([])
    expect(await tablesContaining('zelda')).toEqual([])
    for (const cookie of [p.cookie, p.other]) {
      const me = await call(t.app, 'GET', '/api/auth/me', { cookie })
      expect((await json(me)).user).toBeNull()
    }
    const sessions = await t.db
      .selectFrom('sessions')
      .where('user_id', '=', p.id)
      .selectAll()
      .execute()
    expect(sessions).toEqual([])
  })

  it('keeps contributions, without author ("utente cancellato"), and audits the erasure', async () => {
    const p = await busyPerson('keeps.notes@example.org', 'Autore')
    await call(t.app, 'DELETE', '/api/me', { cookie: p.cookie, body: { password: PASSWORD } })
    const note = await noteStatus(t.db, p.note)
    expect(note).toMatchObject({ status: 'published', author_id: null })
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.erase')
      .where('target_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ actor_id: p.id, after: { contributionsKeptWithoutAuthor: 1 } })
    // Their earlier audit rows stay, by id only.
    const earlier = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', p.id)
      .execute()
    expect(earlier.length).toBeGreaterThan(1)
  })

  it('refuses to erase the only admin (409)', async () => {
    const db = t.db
    const admins = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute()
    expect(admins).toHaveLength(1)
    const res = await call(t.app, 'DELETE', '/api/me', {
      cookie: await cookieFor(db, admin.id),
      body: { password: PASSWORD },
    })
    expect(res.status).toBe(409)
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('last_admin')
  })
})

describe('DELETE /api/users/:id (an admin erasing on request)', () => {
  it('erases another account the same way', async () => {
    const u = await makeUser(t.db, 'resident', { displayName: 'Ottavio Richiedente' })
    const cookie = await cookieFor(t.db, u.id)
    const res = await call(t.app, 'DELETE', `/api/users/${u.id}`, {
      cookie: await cookieFor(t.db, admin.id),
    })
    expect(res.status).toBe(200)
    expect(await tablesContaining('Ottavio Richiedente')).toEqual([])
    expect(await tablesContaining(u.email)).toEqual([])
    expect((await json(await call(t.app, 'GET', '/api/auth/me', { cookie }))).user).toBeNull()
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.erase')
      .where('target_id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row.actor_id).toBe(admin.id)
  })
})
