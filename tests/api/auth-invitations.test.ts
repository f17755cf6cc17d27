// Invitation links: who may invite whom, accepting once, and every way a link stops working.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../api/auth/tokens.ts'
import {
  authTestApp,
  call,
  cookieFor,
  json,
  makeUser,
  PASSWORD,
  sessionFrom,
  type AuthTestApp,
  type TestUser,
} from './auth-fixtures.ts'

let t: AuthTestApp
let admin: TestUser
let facilitator: TestUser
beforeAll(async () => {
  t = await authTestApp()
  admin = await makeUser(t.db, 'admin')
  facilitator = await makeUser(t.db, 'facilitator')
})
afterAll(() => t?.close())

interface Created {
  invitation: { id: string; role: string; email: string | null; status: string; expiresAt: string }
  token: string
  path: string
}

async function invite(by: TestUser, body: Record<string, unknown>): Promise<Created> {
  const res = await call(t.app, 'POST', '/api/invitations', {
    cookie: await cookieFor(t.db, by.id),
    body,
  })
  expect(res.status).toBe(201)
  return json<Created>(res)
}

let n = 0
const accept = (token: string, body: Record<string, unknown> = {}) =>
  call(t.app, 'POST', `/api/invitations/${token}/accept`, {
    body: {
      email: `invited-${++n}@example.org`,
      password: PASSWORD,
      displayName: 'Invited',
      ...body,
    },
  })

const errorCode = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code

describe('POST /api/invitations', () => {
  it('gives an admin a link with a 256-bit token, stored only as its hash', async () => {
    const created = await invite(admin, { role: 'facilitator' })
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(created.path).toBe(`/invito/${created.token}`)
    expect(created.invitation).toMatchObject({ role: 'facilitator', status: 'pending' })
    const row = await t.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', created.invitation.id)
      .executeTakeFirstOrThrow()
    expect(row.token_hash).toBe(hashToken(created.token))
    expect(JSON.stringify(row)).not.toContain(created.token)
  })

  it('expires after 7 days by default, or as asked (at most 30)', async () => {
    const week = await invite(admin, { role: 'resident' })
    const days = (iso: string) => (new Date(iso).getTime() - Date.now()) / 86_400_000
    expect(days(week.invitation.expiresAt)).toBeCloseTo(7, 1)
    const two = await invite(admin, { role: 'resident', expiresInDays: 2 })
    expect(days(two.invitation.expiresAt)).toBeCloseTo(2, 1)
    const res = await call(t.app, 'POST', '/api/invitations', {
      cookie: await cookieFor(t.db, admin.id),
      body: { role: 'resident', expiresInDays: 365 },
    })
    expect(res.status).toBe(400)
  })

  it('lets a facilitator invite residents only', async () => {
    await invite(facilitator, { role: 'resident' })
    for (const role of ['facilitator', 'antenna', 'planner', 'moderator', 'admin']) {
      const res = await call(t.app, 'POST', '/api/invitations', {
        cookie: await cookieFor(t.db, facilitator.id),
        body: { role },
      })
      expect(res.status, role).toBe(403)
    }
  })

  it('writes an audit row that does not hold the invitee email', async () => {
    const created = await invite(admin, { role: 'antenna', email: 'Anna.Bianchi@example.org' })
    expect(created.invitation.email).toBe('anna.bianchi@example.org')
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', created.invitation.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ action: 'invitation.create', actor_id: admin.id })
    expect(row.after).toMatchObject({ role: 'antenna', emailBound: true })
    expect(JSON.stringify(row)).not.toMatch(/bianchi/i)
  })
})

describe('POST /api/invitations/:token/accept', () => {
  it('creates the account with the bound role and signs it in', async () => {
    const { token, invitation } = await invite(admin, { role: 'antenna' })
    const preview = await call(t.app, 'GET', `/api/invitations/${token}`)
    expect(preview.status).toBe(200)
    expect((await json<{ invitation: { role: string } }>(preview)).invitation.role).toBe('antenna')
    const res = await accept(token, { email: 'Marco@Example.org', displayName: 'Marco' })
    expect(res.status).toBe(201)
    const body = await json<{ user: { id: string; role: string; email: string } }>(res)
    expect(body.user).toMatchObject({ role: 'antenna', email: 'marco@example.org' })
    const me = await call(t.app, 'GET', '/api/auth/me', { cookie: sessionFrom(res) })
    expect((await json<{ user: { id: string } }>(me)).user.id).toBe(body.user.id)
    const row = await t.db
      .selectFrom('invitations')
      .select(['accepted_by', 'accepted_at'])
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow()
    expect(row.accepted_by).toBe(body.user.id)
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('target_id', '=', body.user.id)
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ role: 'antenna', invitationId: invitation.id })
  })

  it('answers 410 when used twice', async () => {
    const { token } = await invite(facilitator, { role: 'resident' })
    expect((await accept(token)).status).toBe(201)
    const again = await accept(token)
    expect(again.status).toBe(410)
    expect(await errorCode(again)).toBe('invitation_used')
    expect((await call(t.app, 'GET', `/api/invitations/${token}`)).status).toBe(410)
  })

  it('lets only one of two simultaneous accepts win', async () => {
    const { token } = await invite(facilitator, { role: 'resident' })
    const results = await Promise.all([accept(token), accept(token), accept(token)])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 410, 410])
  })

  it('answers 410 when expired', async () => {
    const { token, invitation } = await invite(admin, { role: 'planner' })
    await sql`update invitations set created_at = now() - interval '8 days',
      expires_at = now() - interval '1 day' where id = ${invitation.id}`.execute(t.db)
    const res = await accept(token)
    expect(res.status).toBe(410)
    expect(await errorCode(res)).toBe('invitation_expired')
  })

  it('answers 410 when revoked', async () => {
    const { token, invitation } = await invite(facilitator, { role: 'resident' })
    const revoke = await call(t.app, 'DELETE', `/api/invitations/${invitation.id}`, {
      cookie: await cookieFor(t.db, facilitator.id),
    })
    expect(revoke.status).toBe(204)
    const res = await accept(token)
    expect(res.status).toBe(410)
    expect(await errorCode(res)).toBe('invitation_revoked')
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invitation.revoke')
      .where('target_id', '=', invitation.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: facilitator.id })
    expect(rows[0]!.after).toEqual({ status: 'revoked' })
  })

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', 'not-a-token'],
  ])('answers 404 for %s', async (_name, token) => {
    expect((await accept(token)).status).toBe(404)
    expect((await call(t.app, 'GET', `/api/invitations/${token}`)).status).toBe(404)
  })

  it('binds to the invited email when one was given', async () => {
    const { token } = await invite(admin, { role: 'moderator', email: 'luca@example.org' })
    const wrong = await accept(token, { email: 'someone.else@example.org' })
    expect(wrong.status).toBe(403)
    expect(await errorCode(wrong)).toBe('invitation_email_mismatch')
    expect((await accept(token, { email: 'LUCA@example.org' })).status).toBe(201)
  })

  it('refuses an email that already has an account (409), leaving the link usable', async () => {
    const { token } = await invite(admin, { role: 'resident' })
    const res = await accept(token, { email: facilitator.email })
    expect(res.status).toBe(409)
    expect((await accept(token)).status).toBe(201)
  })

  it('refuses bad input with 400 naming the field', async () => {
    const { token } = await invite(admin, { role: 'resident' })
    const res = await accept(token, { password: 'short' })
    expect(res.status).toBe(400)
    const body = await json<{ error: { details: { field: string }[] } }>(res)
    expect(body.error.details[0]!.field).toBe('password')
  })
})

describe('listing and revoking', () => {
  it('shows a facilitator their own invitations, and an admin everyone’s', async () => {
    const other = await makeUser(t.db, 'facilitator')
    const mine = await invite(facilitator, { role: 'resident' })
    const theirs = await invite(other, { role: 'resident' })
    const list = async (u: TestUser) => {
      const res = await call(t.app, 'GET', '/api/invitations', {
        cookie: await cookieFor(t.db, u.id),
      })
      expect(res.status).toBe(200)
      const body = await json<{ invitations: { id: string }[] }>(res)
      return body.invitations.map((i) => i.id)
    }
    const seenByFacilitator = await list(facilitator)
    expect(seenByFacilitator).toContain(mine.invitation.id)
    expect(seenByFacilitator).not.toContain(theirs.invitation.id)
    const seenByAdmin = await list(admin)
    expect(seenByAdmin).toEqual(expect.arrayContaining([mine.invitation.id, theirs.invitation.id]))
  })

  it('filters by status', async () => {
    const { invitation } = await invite(facilitator, { role: 'resident' })
    await call(t.app, 'DELETE', `/api/invitations/${invitation.id}`, {
      cookie: await cookieFor(t.db, facilitator.id),
    })
    const res = await call(t.app, 'GET', '/api/invitations?status=revoked', {
      cookie: await cookieFor(t.db, facilitator.id),
    })
    const body = await json<{ invitations: { id: string; status: string }[] }>(res)
    expect(body.invitations.map((i) => i.id)).toContain(invitation.id)
    expect(body.invitations.every((i) => i.status === 'revoked')).toBe(true)
  })

  it('refuses to revoke a used invitation (409), and 404s an unknown one', async () => {
    const { token, invitation } = await invite(admin, { role: 'resident' })
    expect((await accept(token)).status).toBe(201)
    const cookie = await cookieFor(t.db, admin.id)
    const res = await call(t.app, 'DELETE', `/api/invitations/${invitation.id}`, { cookie })
    expect(res.status).toBe(409)
    const unknown = await call(
      t.app,
      'DELETE',
      '/api/invitations/7d4f2a8e-4c1b-4e2a-9f3d-2b8c1a0e5f6d',
      { cookie },
    )
    expect(unknown.status).toBe(404)
  })

  it('treats revoking twice as done, with one audit row', async () => {
    const { invitation } = await invite(admin, { role: 'resident' })
    const cookie = await cookieFor(t.db, admin.id)
    for (let i = 0; i < 2; i++) {
      expect(
        (await call(t.app, 'DELETE', `/api/invitations/${invitation.id}`, { cookie })).status,
      ).toBe(204)
    }
    const rows = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'invitation.revoke')
      .where('target_id', '=', invitation.id)
      .execute()
    expect(rows).toHaveLength(1)
  })
})
