// The geometry guard through the API and PostGIS (the pure rules: tests/unit/geo-guard.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONTENT_KINDS } from '../../api/app.ts'
import { assertValidInDb } from '../../api/geo/validity.ts'
import { authTestApp, call, cookieFor, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let staff: string
beforeAll(async () => {
  t = await authTestApp({ contentKinds: [...DEFAULT_CONTENT_KINDS] })
  staff = await cookieFor(t.db, (await makeUser(t.db, 'facilitator')).id)
})
afterAll(() => t?.close())

const bowTie = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [7.6, 45.0],
      [7.7, 45.1],
      [7.7, 45.0],
      [7.6, 45.1],
      [7.6, 45.0],
    ],
  ] as [number, number][][],
}
const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [7.6, 45.0],
      [7.7, 45.0],
      [7.7, 45.1],
      [7.6, 45.1],
      [7.6, 45.0],
    ],
  ] as [number, number][][],
}

describe('assertValidInDb', () => {
  it('passes a valid polygon and a point', async () => {
    expect((await assertValidInDb(t.db, square)).valid).toBe(true)
    expect((await assertValidInDb(t.db, { type: 'Point', coordinates: [7.6, 45] })).valid).toBe(
      true,
    )
  })

  it("refuses a bow-tie polygon with 422 and PostGIS's reason", async () => {
    const r = await assertValidInDb(t.db, bowTie)
    expect(r).toMatchObject({ valid: false, status: 422, field: 'geometry' })
    if (!r.valid) expect(r.reason).toMatch(/^Self-intersection\[7\.65 45\.05\]/)
  })
})

describe('the guard through the API (place point)', () => {
  const post = (geometry: unknown) =>
    call(t.app, 'POST', '/api/places', {
      body: { category: 'altro', name: 'g', geometry },
      cookie: staff,
    })

  it.each([
    ['a GeometryCollection', { type: 'GeometryCollection', geometries: [] }, 400],
    ['deep nesting', { type: 'Point', coordinates: [[[[[[7.6, 45]]]]]] }, 400],
    ['strings', { type: 'Point', coordinates: ['a', 'b'] }, 400],
    ['swapped lat/lon', { type: 'Point', coordinates: [45.07, 7.68] }, 422],
    ['latitude over 90', { type: 'Point', coordinates: [7.68, 95] }, 422],
  ])('answers %s with %d', async (_n, g, status) => {
    const res = await post(g)
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { details: { field: string }[] } }
    expect(body.error.details[0]!.field).toMatch(/^geometry/)
  })

  it('refuses 1,000,000 nested arrays (deep JSON) without a 500', async () => {
    const raw = `{"category":"altro","name":"g","geometry":{"type":"Point","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`
    const res = await call(t.app, 'POST', '/api/places', { raw, cookie: staff })
    expect([400, 413]).toContain(res.status)
  })
})
