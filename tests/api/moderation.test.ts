// The moderation spine, exercised with a test-only content kind ("note", table test_notes):
// the queue, the four actions and their audit rows, reports and the 3-reports rule, settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initialStatus } from '../../api/moderation/publication.ts'
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
  type AuthTestApp,
  type TestUser,
} from './auth-fixtures.ts'

let t: AuthTestApp
let moderator: TestUser
let resident: TestUser
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [noteKind] })
  await createNotesTable(t.db)
  moderator = await makeUser(t.db, 'moderator')
  resident = await makeUser(t.db, 'resident')
})
afterAll(() => t?.close())

interface QueueBody {
  items: {
    kind: string
    id: string
    status: string
    title: string
    author: { id: string | null; pseudonym: string | null }
    reports: { count: number; reasons: string[] } | null
  }[]
  next: string | null
}

async function queue(query = ''): Promise<QueueBody> {
  const res = await call(t.app, 'GET', `/api/moderation/queue${query}`, {
    cookie: await cookieFor(t.db, moderator.id),
  })
  expect(res.status).toBe(200)
  return json<QueueBody>(res)
}

async function act(action: string, id: string, body: Record<string, unknown> = {}, kind = 'note') {
  return call(t.app, 'POST', `/api/moderation/${kind}/${id}/${action}`, {
    cookie: await cookieFor(t.db, moderator.id),
    body,
  })
}

async function auditRows(id: string) {
  return t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_kind', '=', 'note')
    .where('target_id', '=', id)
    .orderBy('id')
    .execute()
}

describe('GET /api/moderation/queue', () => {
  it('lists pending items of every kind, newest first, with their context', async () => {
    const older = await addNote(t.db, {
      status: 'pending',
      body: 'Orto di via Cuneo',
      pseudonym: 'Ape',
    })
    const newer = await addNote(t.db, {
      status: 'pending',
      body: 'Bar Sport',
      authorId: resident.id,
    })
    await addNote(t.db, { status: 'published', body: 'already out' })
    const body = await queue()
    const ids = body.items.map((i) => i.id)
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older))
    expect(body.items.every((i) => i.status === 'pending' || i.reports)).toBe(true)
    const item = body.items.find((i) => i.id === older)!
    expect(item).toMatchObject({ kind: 'note', title: 'Orto di via Cuneo', reports: null })
    expect(item.author.pseudonym).toBe('Ape')
  })

  it('pages with limit and a next link', async () => {
    await addNote(t.db, { status: 'pending' })
    await addNote(t.db, { status: 'pending' })
    const first = await queue('?limit=1')
    expect(first.items).toHaveLength(1)
    expect(first.next).toMatch(/before=/)
    const second = await queue(first.next!.replace('/api/moderation/queue', ''))
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
  })

  it('answers 404 for an unknown kind filter', async () => {
    const res = await call(t.app, 'GET', '/api/moderation/queue?kind=unicorn', {
      cookie: await cookieFor(t.db, moderator.id),
    })
    expect(res.status).toBe(404)
  })
})

describe('moderation actions', () => {
  it('approve: pending → published, one audit row with before and after', async () => {
    const id = await addNote(t.db, { status: 'pending' })
    const res = await act('approve', id)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ kind: 'note', id, status: 'published' })
    expect((await noteStatus(t.db, id))!.status).toBe('published')
    const rows = await auditRows(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'moderation.approve',
      actor_id: moderator.id,
      actor_role: 'moderator',
      reason: null,
      before: { status: 'pending' },
      after: { status: 'published' },
    })
  })

  it('reject: needs a reason, then pending → rejected with the reason audited', async () => {
    const id = await addNote(t.db, { status: 'pending' })
    const none = await act('reject', id)
    expect(none.status).toBe(400)
    expect((await noteStatus(t.db, id))!.status).toBe('pending')
    const res = await act('reject', id, { reason: 'Pubblicità' })
    expect(res.status).toBe(200)
    const rows = await auditRows(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'moderation.reject',
      reason: 'Pubblicità',
      before: { status: 'pending' },
      after: { status: 'rejected' },
    })
  })

  it('hide: needs a reason, then published → hidden; restore brings it back', async () => {
    const id = await addNote(t.db, { status: 'published' })
    expect((await act('hide', id)).status).toBe(400)
    expect((await act('hide', id, { reason: 'Dati personali di terzi' })).status).toBe(200)
    expect((await noteStatus(t.db, id))!.status).toBe('hidden')
    expect((await act('restore', id)).status).toBe(200)
    expect((await noteStatus(t.db, id))!.status).toBe('published')
    const rows = await auditRows(id)
    expect(rows.map((r) => [r.action, r.before, r.after, r.reason])).toEqual([
      ['moderation.hide', { status: 'published' }, { status: 'hidden' }, 'Dati personali di terzi'],
      ['moderation.restore', { status: 'hidden' }, { status: 'published' }, null],
    ])
  })

  it('restore also brings back a rejected item', async () => {
    const id = await addNote(t.db, { status: 'rejected' })
    expect((await act('restore', id)).status).toBe(200)
    expect((await noteStatus(t.db, id))!.status).toBe('published')
  })

  it.each([
    ['approve', 'published'],
    ['hide', 'pending'],
    ['restore', 'published'],
    ['reject', 'rejected'],
  ])('refuses to %s an item that is %s (409), writing nothing', async (action, status) => {
    const id = await addNote(t.db, { status: status as 'published' })
    const res = await act(action, id, { reason: 'x' })
    expect(res.status).toBe(409)
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('invalid_transition')
    expect(await auditRows(id)).toHaveLength(0)
  })

  it('answers 404 for an unknown item or kind', async () => {
    expect((await act('approve', 'no-such-note')).status).toBe(404)
    expect((await act('approve', 'x', {}, 'unicorn')).status).toBe(404)
  })

  it('is for moderators and admins only', async () => {
    const id = await addNote(t.db, { status: 'pending' })
    const asResident = await call(t.app, 'POST', `/api/moderation/note/${id}/approve`, {
      cookie: await cookieFor(t.db, resident.id),
    })
    expect(asResident.status).toBe(403)
    const asVisitor = await call(t.app, 'POST', `/api/moderation/note/${id}/approve`)
    expect(asVisitor.status).toBe(401)
    expect((await noteStatus(t.db, id))!.status).toBe('pending')
  })
})

describe('POST /api/reports', () => {
  const report = async (id: string, o: { user?: TestUser; address?: string; reason?: string }) =>
    call(t.app, 'POST', '/api/reports', {
      cookie: o.user ? await cookieFor(t.db, o.user.id) : undefined,
      address: o.address ?? '127.0.0.1',
      body: { kind: 'note', id, reason: o.reason ?? 'Offensivo' },
    })

  it('takes one report per person per item', async () => {
    const id = await addNote(t.db)
    const first = await report(id, { user: resident })
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ itemStatus: 'published' })
    const second = await report(id, { user: resident, address: '192.0.2.1' })
    expect(second.status).toBe(409)
    expect((await json<{ error: { code: string } }>(second)).error.code).toBe('already_reported')
  })

  it('takes one report per client address from visitors, storing no address', async () => {
    const id = await addNote(t.db)
    expect((await report(id, { address: '203.0.113.7' })).status).toBe(201)
    expect((await report(id, { address: '203.0.113.7' })).status).toBe(409)
    expect((await report(id, { address: '203.0.113.8' })).status).toBe(201)
    const rows = await t.db.selectFrom('reports').selectAll().where('item_id', '=', id).execute()
    expect(JSON.stringify(rows)).not.toContain('203.0.113')
    expect(rows.every((r) => /^client:[0-9a-f]{64}$/.test(r.reporter_key))).toBe(true)
  })

  it('hides an item at the 3rd distinct reporter until reviewed, and audits it', async () => {
    const id = await addNote(t.db, { body: 'Contenuto segnalato' })
    const reporters = [await makeUser(t.db, 'resident'), await makeUser(t.db, 'planner')]
    expect(await (await report(id, { user: reporters[0] })).json()).toMatchObject({
      itemStatus: 'published',
    })
    expect(await (await report(id, { user: reporters[1] })).json()).toMatchObject({
      itemStatus: 'published',
    })
    const third = await report(id, { address: '198.51.100.3', reason: 'Spam' })
    expect(await third.json()).toMatchObject({ itemStatus: 'hidden' })
    expect((await noteStatus(t.db, id))!.status).toBe('hidden')

    const rows = await auditRows(id)
    expect(rows.map((r) => r.action)).toEqual([
      'report.create',
      'report.create',
      'report.create',
      'moderation.auto_hide',
    ])
    expect(rows[3]).toMatchObject({
      actor_id: null,
      actor_role: 'system',
      before: { status: 'published' },
      after: { status: 'hidden' },
    })

    const entry = (await queue()).items.find((i) => i.id === id)!
    expect(entry.status).toBe('hidden')
    expect(entry.reports).toMatchObject({ count: 3 })
    expect(entry.reports!.reasons).toEqual(['Spam', 'Offensivo', 'Offensivo'])

    // Reviewed: approved, the reports are closed and the item leaves the queue.
    expect((await act('approve', id)).status).toBe(200)
    expect((await noteStatus(t.db, id))!.status).toBe('published')
    expect((await queue()).items.find((i) => i.id === id)).toBeUndefined()
    // A new report starts a new count.
    const fourth = await report(id, { user: moderator })
    expect(await fourth.json()).toMatchObject({ itemStatus: 'published' })
  })

  it('does not count one reporter twice toward the 3', async () => {
    const id = await addNote(t.db)
    await report(id, { user: resident })
    await report(id, { user: resident })
    await report(id, { address: '198.51.100.50' })
    expect((await noteStatus(t.db, id))!.status).toBe('published')
  })

  it('answers 404 for items the public cannot see, and unknown kinds', async () => {
    const pending = await addNote(t.db, { status: 'pending' })
    expect((await report(pending, {})).status).toBe(404)
    expect((await report('no-such-note', {})).status).toBe(404)
    const res = await call(t.app, 'POST', '/api/reports', {
      body: { kind: 'unicorn', id: 'x', reason: 'r' },
    })
    expect(res.status).toBe(404)
  })

  it('needs a reason', async () => {
    const id = await addNote(t.db)
    expect((await report(id, { reason: '' })).status).toBe(400)
  })
})

describe('moderation settings', () => {
  it('decides whether residents publish directly, audited', async () => {
    const cookie = await cookieFor(t.db, moderator.id)
    const residentUser = { ...resident, role: 'resident' as const }
    expect(await initialStatus(t.db, residentUser)).toBe('published')
    const put = await call(t.app, 'PUT', '/api/moderation/settings', {
      cookie,
      body: { residentsPublishDirectly: false },
    })
    expect(put.status).toBe(200)
    const get = await call(t.app, 'GET', '/api/moderation/settings', { cookie })
    expect(await get.json()).toEqual({ residentsPublishDirectly: false })
    expect(await initialStatus(t.db, residentUser)).toBe('pending')
    expect(await initialStatus(t.db, null)).toBe('pending')
    expect(await initialStatus(t.db, { ...residentUser, role: 'facilitator' })).toBe('published')
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'settings.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      before: { residentsPublishDirectly: true },
      after: { residentsPublishDirectly: false },
    })
  })

  it('refuses unknown settings', async () => {
    const res = await call(t.app, 'PUT', '/api/moderation/settings', {
      cookie: await cookieFor(t.db, moderator.id),
      body: { residentsPublishDirectly: true, everythingGoes: true },
    })
    expect(res.status).toBe(400)
  })
})
