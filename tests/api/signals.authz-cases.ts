// Own and others' need signals (read by tests/api/authz-matrix.test.ts): true when the caller
// acted on the owner's signal. Another author's signal answers 404, like a missing one.
import { expect } from 'vitest'
import { insertSignal } from '../../api/signals/signals.repository.ts'
import { call, cookieFor, json, type ObjectCase } from './auth-fixtures.ts'

const signalOf = async (db: Parameters<ObjectCase>[0]['db'], ownerId: string) => {
  const { id } = await insertSignal(db, {
    theme: 'food',
    severity: 1,
    note: null,
    observedOn: '2026-03-02',
    geometry: { type: 'Point', coordinates: [7.68, 45.07] },
    authorId: ownerId,
    clientKey: null,
  })
  return id
}

const acted = (status: number, ok: number) => {
  expect([ok, 404]).toContain(status)
  return status === ok
}

export const objectCases: Record<string, ObjectCase> = {
  'GET /api/signals': async ({ app, db }, caller, owner) => {
    const id = await signalOf(db, owner.id)
    const res = await call(app, 'GET', '/api/signals?limit=1000', {
      cookie: await cookieFor(db, caller.id),
    })
    expect(res.status).toBe(200)
    return (await json<{ features: { id: string }[] }>(res)).features.some((f) => f.id === id)
  },
  'GET /api/signals/:id': async ({ app, db }, caller, owner) => {
    const id = await signalOf(db, owner.id)
    const res = await call(app, 'GET', `/api/signals/${id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    return acted(res.status, 200)
  },
  'PATCH /api/signals/:id': async ({ app, db }, caller, owner) => {
    const id = await signalOf(db, owner.id)
    const res = await call(app, 'PATCH', `/api/signals/${id}`, {
      cookie: await cookieFor(db, caller.id),
      body: { severity: 2 },
      headers: { 'If-Match': '"1"' },
    })
    return acted(res.status, 200)
  },
  'DELETE /api/signals/:id': async ({ app, db }, caller, owner) => {
    const id = await signalOf(db, owner.id)
    const res = await call(app, 'DELETE', `/api/signals/${id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    return acted(res.status, 204)
  },
}
