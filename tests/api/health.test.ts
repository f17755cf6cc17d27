import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

describe('GET /api/health', () => {
  it('reports the database in use and the PostGIS version', async () => {
    const res = await t.app.request('/api/health')
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, string>
    expect(body.status).toBe('ok')
    expect(body.database).toBe(t.database.kind)
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/)
  })

  it('answers 503 with the same shape when the database does not answer', async () => {
    const broken = createApp({
      db: t.database.db.withPlugin({
        transformQuery: () => {
          throw new Error('connection terminated')
        },
        transformResult: async (args) => args.result,
      }),
      dbKind: t.database.kind,
      config: t.config,
    })
    const res = await broken.request('/api/health')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      status: 'unavailable',
      database: t.database.kind,
      postgis: null,
    })
  })
})
