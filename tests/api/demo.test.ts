// Demo content: loaded once, every item marked as demo, all inside the territory's areas.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../api/demo/demo.ts'
import { parseConfig } from '../../api/config.ts'
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database?.drop())

const n = async (q: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await q.execute(database.db)).rows[0]!.n)

describe('demo content', () => {
  it('is on by default and off with DEMO_CONTENT=off', () => {
    expect(parseConfig({}).demoContent).toBe(true)
    expect(parseConfig({ DEMO_CONTENT: 'off' }).demoContent).toBe(false)
  })

  it('loads ~150 places and ~300 resources once', async () => {
    expect(await loadDemo(database.db)).toEqual({ places: 150, resources: 300 })
    expect(await loadDemo(database.db)).toBeNull()
    expect(await n(sql`select count(*)::int as n from places`)).toBe(150)
    expect(await n(sql`select count(*)::int as n from resources`)).toBe(300)
    const seed = await database.db
      .selectFrom('seeds')
      .select('rows')
      .where('name', '=', 'demo')
      .executeTakeFirstOrThrow()
    expect(seed.rows).toBe(450)
  })

  it('marks every item as demo content, and OSM schools with their attribution', async () => {
    for (const table of ['places', 'resources']) {
      expect(
        await n(sql`select count(*)::int as n from ${sql.table(table)}
          where source is distinct from 'demo' or description not like 'Contenuto dimostrativo —%'
             or status <> 'published'`),
      ).toBe(0)
    }
    expect(
      await n(sql`select count(*)::int as n from places where name not like '%(demo)'
      and (category <> 'scuola' or attribution not like '© OpenStreetMap contributors%')`),
    ).toBe(0)
  })

  it('places everything inside Turin and the CIdiS municipalities', async () => {
    for (const table of ['places', 'resources']) {
      expect(
        await n(sql`select count(*)::int as n from ${sql.table(table)} t where not exists (
          select 1 from areas a where a.kind = 'municipality' and ST_Intersects(a.geom, t.geom))`),
      ).toBe(0)
    }
    // Every CIdiS municipality has some.
    expect(
      await n(sql`select count(distinct a.id)::int as n from areas a join resources r
        on ST_Intersects(a.geom, r.geom) where a.kind = 'municipality'`),
    ).toBe(7)
  })

  it('is not loaded into a database that has content of its own', async () => {
    const other = await openTestDatabase()
    try {
      await sql`insert into places (category, name, geom, status)
        values ('altro', 'Nostro', ST_SetSRID(ST_MakePoint(7.68, 45.07), 4326), 'published')`.execute(
        other.db,
      )
      expect(await loadDemo(other.db)).toBeNull()
    } finally {
      await other.drop()
    }
  })
})
