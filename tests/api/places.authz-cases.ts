// Own and others' objects for the places, resources and comments routes (read by
// tests/api/authz-matrix.test.ts): true when the caller acted on the owner's object.
import { expect } from 'vitest'
import { insertComment } from '../../api/comments/comments.repository.ts'
import type { ContentStatus } from '../../api/moderation/content-kinds.ts'
import { insertPlace } from '../../api/places/places.repository.ts'
import { insertResource } from '../../api/resources/resources.repository.ts'
import { call, cookieFor, type ObjectCase } from './auth-fixtures.ts'

const geometry = { type: 'Point' as const, coordinates: [7.68, 45.07] as [number, number] }

const place = (db: Parameters<ObjectCase>[0]['db'], ownerId: string, status: ContentStatus) =>
  insertPlace(db, {
    category: 'altro',
    name: 'Oggetto di prova',
    geometry,
    status,
    authorId: ownerId,
    pseudonym: null,
  })

const resource = (db: Parameters<ObjectCase>[0]['db'], ownerId: string, status: ContentStatus) =>
  insertResource(db, {
    name: 'Risorsa di prova',
    description: null,
    themes: ['other'],
    organization: null,
    email: null,
    phone: null,
    url: null,
    schedule: [],
    eligibilityDescription: null,
    languages: [],
    accessibility: null,
    address: null,
    geometry,
    serviceArea: null,
    assuredDate: null,
    status,
    authorId: ownerId,
  })

// Deletions are tried on pending items: authors may delete only what is not public yet.
// Someone else's pending item reads as not there (404) to those who may not act on it.
export const objectCases: Record<string, ObjectCase> = {
  'PATCH /api/places/:id': async ({ app, db }, caller, owner) => {
    const id = await place(db, owner.id, 'published')
    const res = await call(app, 'PATCH', `/api/places/${id}`, {
      body: { name: 'Modificato' },
      cookie: await cookieFor(db, caller.id),
      headers: { 'if-match': '"1"' },
    })
    expect([200, 403]).toContain(res.status)
    return res.status === 200
  },
  'DELETE /api/places/:id': async ({ app, db }, caller, owner) => {
    const id = await place(db, owner.id, 'pending')
    const res = await call(app, 'DELETE', `/api/places/${id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    expect([204, 403, 404]).toContain(res.status)
    return res.status === 204
  },
  'PATCH /api/resources/:id': async ({ app, db }, caller, owner) => {
    const id = await resource(db, owner.id, 'published')
    const res = await call(app, 'PATCH', `/api/resources/${id}`, {
      body: { name: 'Modificata' },
      cookie: await cookieFor(db, caller.id),
      headers: { 'if-match': '"1"' },
    })
    expect([200, 403]).toContain(res.status)
    return res.status === 200
  },
  'DELETE /api/resources/:id': async ({ app, db }, caller, owner) => {
    const id = await resource(db, owner.id, 'pending')
    const res = await call(app, 'DELETE', `/api/resources/${id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    expect([204, 403, 404]).toContain(res.status)
    return res.status === 204
  },
  'DELETE /api/comments/:id': async ({ app, db }, caller, owner) => {
    const placeId = await place(db, owner.id, 'published')
    const id = await insertComment(db, {
      kind: 'place',
      targetId: placeId,
      parentId: null,
      body: 'commento',
      reaction: null,
      status: 'pending',
      authorId: owner.id,
      pseudonym: null,
    })
    const res = await call(app, 'DELETE', `/api/comments/${id}`, {
      cookie: await cookieFor(db, caller.id),
    })
    expect([204, 403, 404]).toContain(res.status)
    return res.status === 204
  },
}
