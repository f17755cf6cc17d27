import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { authTestApp, call, cookieFor, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let resident: string
let other: string
let moderator: string
let facilitator: string
let placeId: string
let resourceId: string
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  resident = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  other = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  moderator = await cookieFor(t.db, (await makeUser(t.db, 'moderator')).id)
  facilitator = await cookieFor(t.db, (await makeUser(t.db, 'facilitator')).id)
  const geometry = { type: 'Point', coordinates: [7.68, 45.07] }
  const p = await call(t.app, 'POST', '/api/places', {
    body: { category: 'biblioteca', name: 'Biblioteca civica', geometry },
    cookie: resident,
  })
  placeId = ((await p.json()) as { id: string }).id
  const r = await call(t.app, 'POST', '/api/resources', {
    body: { name: 'Doposcuola', themes: ['education'], geometry },
    cookie: facilitator,
  })
  resourceId = ((await r.json()) as { id: string }).id
})
afterAll(() => t?.close())

interface Comment {
  id: string
  parentId: string | null
  text: string
  reaction: string | null
  status: string
  author: { name: string | null; pseudonym: boolean }
  own: boolean
}

/** cookie null: a visitor. */
const comment = async (body: Record<string, unknown>, cookie: string | null = resident) => {
  const res = await call(t.app, 'POST', '/api/comments', {
    body: { target: { kind: 'place', id: placeId }, text: 'Bel posto', ...body },
    cookie: cookie ?? undefined,
  })
  return {
    res,
    body: (await res.json()) as Comment & {
      error?: { code: string; details: { field: string }[] }
    },
  }
}
const listFor = async (kind: string, id: string, cookie?: string) => {
  const res = await call(t.app, 'GET', `/api/comments?targetKind=${kind}&targetId=${id}`, {
    cookie,
  })
  return (await res.json()) as { items: Comment[]; next: string | null }
}

describe('POST /api/comments', () => {
  it('adds a comment with a reaction on a place, published for a resident', async () => {
    const { res, body } = await comment({ reaction: 'memory', text: 'Ci venivo da bambina 📚' })
    expect(res.status).toBe(201)
    expect(body).toMatchObject({
      status: 'published',
      reaction: 'memory',
      own: true,
      parentId: null,
    })
  })

  it('adds a comment on a resource', async () => {
    const res = await call(t.app, 'POST', '/api/comments', {
      body: { target: { kind: 'resource', id: resourceId }, text: 'Utile!' },
      cookie: other,
    })
    expect(res.status).toBe(201)
    expect((await listFor('resource', resourceId)).items.map((c) => c.text)).toEqual(['Utile!'])
  })

  it('allows one level of replies, and refuses a reply to a reply with 422', async () => {
    const { body: top } = await comment({ text: 'Domanda?' })
    const { res, body: reply } = await comment({ text: 'Risposta', parentId: top.id }, other)
    expect(res.status).toBe(201)
    expect(reply.parentId).toBe(top.id)
    const deeper = await comment({ text: 'Troppo profondo', parentId: reply.id })
    expect(deeper.res.status).toBe(422)
    expect(deeper.body.error?.code).toBe('reply_depth')
  })

  it('refuses a parent on another target (404)', async () => {
    const { body: top } = await comment({ text: 'Qui' })
    const res = await call(t.app, 'POST', '/api/comments', {
      body: { target: { kind: 'resource', id: resourceId }, text: 'x', parentId: top.id },
      cookie: resident,
    })
    expect(res.status).toBe(404)
  })

  it('keeps visitors pending under a pseudonym, visible to moderators only', async () => {
    const { res, body } = await comment(
      { text: 'Da visitatore', pseudonym: 'Lucia', status: 'published' },
      null,
    )
    expect(res.status).toBe(201)
    expect(body).toMatchObject({ status: 'pending', author: { name: 'Lucia', pseudonym: true } })
    expect((await listFor('place', placeId)).items.some((c) => c.id === body.id)).toBe(false)
    expect((await listFor('place', placeId, moderator)).items.some((c) => c.id === body.id)).toBe(
      true,
    )
  })

  it('requires a pseudonym from visitors and swallows honeypot posts (202)', async () => {
    expect((await comment({}, null)).res.status).toBe(400)
    const bot = await comment({ pseudonym: 'bot', website: 'x' }, null)
    expect(bot.res.status).toBe(202)
  })

  it.each([
    ['an empty text', { text: '  ' }, 'text'],
    ['an unknown reaction', { reaction: 'angry' }, 'reaction'],
    [
      'an unknown target kind',
      // (maps and their drawings take comments since issue 7: api/maps/comment-target.ts)
      { target: { kind: 'exhibition', id: '00000000-0000-4000-8000-000000000000' } },
      'target.kind',
    ],
    ['a malformed target id', { target: { kind: 'place', id: "1' or '1'='1" } }, 'target.id'],
  ])('refuses %s with 400', async (_n, o, field) => {
    const { res, body } = await comment(o)
    expect(res.status).toBe(400)
    expect(body.error?.details[0]?.field).toBe(field)
  })

  it('answers 404 for a target that does not exist', async () => {
    const { res } = await comment({
      target: { kind: 'place', id: '00000000-0000-4000-8000-000000000000' },
    })
    expect(res.status).toBe(404)
  })

  it('stores one comment for a double submission with an Idempotency-Key', async () => {
    const send = () =>
      call(t.app, 'POST', '/api/comments', {
        body: { target: { kind: 'resource', id: resourceId }, text: 'Doppio tocco' },
        cookie: resident,
        headers: { 'idempotency-key': 'tap-1' },
      })
    const a = await send()
    const b = await send()
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(((await b.json()) as Comment).id).toBe(((await a.json()) as Comment).id)
    const texts = (await listFor('resource', resourceId)).items.filter(
      (c) => c.text === 'Doppio tocco',
    )
    expect(texts).toHaveLength(1)
  })
})

describe('GET /api/comments', () => {
  it('lists oldest first with a next link', async () => {
    const res = await call(
      t.app,
      'GET',
      `/api/comments?targetKind=place&targetId=${placeId}&limit=1`,
    )
    const body = (await res.json()) as { items: Comment[]; next: string }
    expect(body.items).toHaveLength(1)
    expect(body.next).toContain('targetKind=place')
    const second = (await (await call(t.app, 'GET', body.next)).json()) as { items: Comment[] }
    expect(second.items[0]!.id).not.toBe(body.items[0]!.id)
  })

  it('refuses a missing target with 400 and limit over 1000 with 400', async () => {
    expect((await call(t.app, 'GET', '/api/comments?targetKind=place')).status).toBe(400)
    expect(
      (await call(t.app, 'GET', `/api/comments?targetKind=place&targetId=${placeId}&limit=1001`))
        .status,
    ).toBe(400)
  })
})

describe('moderation and deletion', () => {
  it('goes through the moderation spine: a moderator hides a comment', async () => {
    const { body } = await comment({ text: 'Da nascondere' })
    const res = await call(t.app, 'POST', `/api/moderation/comment/${body.id}/hide`, {
      body: { reason: 'offensivo' },
      cookie: moderator,
    })
    expect(res.status).toBe(200)
    expect((await listFor('place', placeId)).items.some((c) => c.id === body.id)).toBe(false)
  })

  it('lets an author delete a pending comment but not a published one', async () => {
    const { body: published } = await comment({ text: 'Pubblicato' })
    expect(
      (await call(t.app, 'DELETE', `/api/comments/${published.id}`, { cookie: resident })).status,
    ).toBe(409)
    expect(
      (await call(t.app, 'DELETE', `/api/comments/${published.id}`, { cookie: other })).status,
    ).toBe(403)
    expect(
      (await call(t.app, 'DELETE', `/api/comments/${published.id}`, { cookie: moderator })).status,
    ).toBe(204)
  })

  it('deletes the comments of a deleted place', async () => {
    const p = await call(t.app, 'POST', '/api/places', {
      body: {
        category: 'altro',
        name: 'Effimero',
        geometry: { type: 'Point', coordinates: [7.68, 45.07] },
      },
      cookie: resident,
    })
    const id = ((await p.json()) as { id: string }).id
    await comment({ target: { kind: 'place', id }, text: 'sparirà' })
    expect((await call(t.app, 'DELETE', `/api/places/${id}`, { cookie: moderator })).status).toBe(
      204,
    )
    const left = await t.db.selectFrom('comments').select('id').where('place_id', '=', id).execute()
    expect(left).toEqual([])
  })
})
