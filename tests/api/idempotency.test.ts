import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { authTestApp, call, cookieFor, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let resident: string
let other: string
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  resident = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
  other = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
})
afterAll(() => t?.close())

const place = (name: string) => ({
  category: 'biblioteca',
  name,
  geometry: { type: 'Point', coordinates: [7.68, 45.07] },
})
const post = (body: unknown, key: string, cookie?: string) =>
  call(t.app, 'POST', '/api/places', { body, cookie, headers: { 'idempotency-key': key } })
const count = async (name: string) =>
  (
    await t.db
      .selectFrom('places')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).n

describe('Idempotency-Key', () => {
  it('stores one row for a double submission and replays the same answer', async () => {
    const a = await post(place('Doppio'), 'key-1', resident)
    const b = await post(place('Doppio'), 'key-1', resident)
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(await b.json()).toEqual(await a.json())
    expect(Number(await count('Doppio'))).toBe(1)
  })

  it('answers 422 to the same key with another body', async () => {
    await post(place('Primo'), 'key-2', resident)
    const res = await post(place('Secondo'), 'key-2', resident)
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { code: string } }
    expect(body.error.code).toBe('idempotency_key_reused')
    expect(Number(await count('Secondo'))).toBe(0)
  })

  it('keeps keys per caller: the same key from someone else is a new request', async () => {
    await post(place('Per utente'), 'key-3', resident)
    const res = await post(place('Per utente'), 'key-3', other)
    expect(res.status).toBe(201)
    expect(res.headers.get('idempotent-replayed')).toBeNull()
    expect(Number(await count('Per utente'))).toBe(2)
  })

  it('works for visitors (keyed by client address)', async () => {
    const body = { ...place('Visitatore'), pseudonym: 'Anna' }
    expect((await post(body, 'key-4')).status).toBe(201)
    expect((await post(body, 'key-4')).headers.get('idempotent-replayed')).toBe('true')
    expect(Number(await count('Visitatore'))).toBe(1)
  })

  it('does not keep a refused request: a corrected retry with the key goes through', async () => {
    const bad = await post({ ...place('Corretto'), category: 'nope' }, 'key-5', resident)
    expect(bad.status).toBe(400)
    const good = await post(place('Corretto'), 'key-5', resident)
    expect(good.status).toBe(201)
  })

  it('refuses a malformed key with 400', async () => {
    expect((await post(place('x'), 'a'.repeat(256), resident)).status).toBe(400)
    expect((await post(place('x'), 'spazio non ammesso', resident)).status).toBe(400)
  })

  it('without a key, each submission stores a row', async () => {
    await call(t.app, 'POST', '/api/places', { body: place('Senza chiave'), cookie: resident })
    await call(t.app, 'POST', '/api/places', { body: place('Senza chiave'), cookie: resident })
    expect(Number(await count('Senza chiave'))).toBe(2)
  })

  it('answers 409 while the first request with the key is still running', async () => {
    await post(place('In corso'), 'key-6', resident)
    await sql`update idempotency_keys set status = null where key = 'key-6'`.execute(t.db)
    const res = await post(place('In corso'), 'key-6', resident)
    expect(res.status).toBe(409)
  })

  it('forgets a key after 24 hours: the same key then stores anew', async () => {
    await post(place('Scaduto'), 'key-7', resident)
    await sql`update idempotency_keys set created_at = now() - interval '25 hours'
      where key = 'key-7'`.execute(t.db)
    const res = await post(place('Scaduto'), 'key-7', resident)
    expect(res.status).toBe(201)
    expect(res.headers.get('idempotent-replayed')).toBeNull()
    expect(Number(await count('Scaduto'))).toBe(2)
  })
})
