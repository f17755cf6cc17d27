// The database suite: runs on PGlite always, and on the PostGIS server when DATABASE_URL is set.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTerritory } from '../../api/areas/territory.ts'
import { openPostgres } from '../../api/db/connect.ts'
import { StartupError } from '../../api/db/errors.ts'
import { migrate, readMigrations } from '../../api/db/migrate.ts'
import {
  backends,
  createServerDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../helpers/db.ts'

describe.each(backends())('database on %s', (backend) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(backend)
  })
  afterAll(() => t?.drop())

  it('records every migration once and applies nothing the second time', async () => {
    const rows = await t.db
      .selectFrom('schema_migrations')
      .select(['version', 'name'])
      .orderBy('version')
      .execute()
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version))
    expect(await migrate(t)).toEqual({ applied: [] })
  })

  it('refuses a database migrated by a newer version, naming the migration', async () => {
    await t.db
      .insertInto('schema_migrations')
      .values({ version: 9999, name: 'from_the_future', checksum: 'x' })
      .execute()
    try {
      await expect(migrate(t)).rejects.toThrow(StartupError)
      await expect(migrate(t)).rejects.toThrow(
        /newer version of Intrecci \(migration 9999 "from_the_future"/,
      )
    } finally {
      await t.db.deleteFrom('schema_migrations').where('version', '=', 9999).execute()
    }
  })

  it('refuses a migration edited after it was applied', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m))
    await expect(migrate(t, edited)).rejects.toThrow(/was changed after it was applied/)
  })

  it('rolls back a failing migration entirely, leaving no record of it', async () => {
    const broken = [
      ...readMigrations(),
      {
        version: 9998,
        name: 'broken',
        checksum: 'b',
        sql: 'CREATE TABLE half_done (a int); SELECT 1/0;',
      },
    ]
    await expect(migrate(t, broken)).rejects.toThrow(/division by zero/)
    const table = await sql<{
      n: number
    }>`select count(*)::int as n from pg_tables where tablename = 'half_done'`.execute(t.db)
    expect(table.rows[0]!.n).toBe(0)
    const rec = await t.db
      .selectFrom('schema_migrations')
      .where('version', '=', 9998)
      .selectAll()
      .execute()
    expect(rec).toHaveLength(0)
  })

  it('loads the territory once: a second load writes nothing', async () => {
    expect(await loadTerritory(t.db)).toBe(0)
    const n = await t.db
      .selectFrom('areas')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(109)
  })

  it('stores only valid geometries (a self-intersecting bow-tie is refused)', async () => {
    const bowtie = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [7.6, 45],
            [7.7, 45.1],
            [7.7, 45],
            [7.6, 45.1],
            [7.6, 45],
          ],
        ],
      ],
    }
    await expect(
      sql`insert into areas (id, kind, code, name, source, geom)
          values ('zone-bowtie', 'zone', 'bowtie', 'x', 'test', ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(bowtie)}), 4326))`.execute(
        t.db,
      ),
    ).rejects.toThrow(/check constraint/)
  })

  it('has the territory in EPSG:4326 with a spatial index', async () => {
    const srid = await sql<{ s: number }>`select distinct ST_SRID(geom) as s from areas`.execute(
      t.db,
    )
    expect(srid.rows).toEqual([{ s: 4326 }])
    const idx = await sql<{
      n: number
    }>`select count(*)::int as n from pg_indexes where indexname = 'areas_geom_idx'`.execute(t.db)
    expect(idx.rows[0]!.n).toBe(1)
  })
})

// Server only: registered when DATABASE_URL is set (PGlite is one process by construction).
if (process.env.DATABASE_URL)
  describe('migrations on a shared server', () => {
    it('are safe when several processes start at once (advisory lock)', async () => {
      const { url, drop } = await createServerDatabase()
      const opened = await Promise.all([1, 2, 3].map(() => openPostgres(url)))
      try {
        const results = await Promise.all(opened.map((d) => migrate(d)))
        const applied = results.map((r) => r.applied.length).sort()
        expect(applied).toEqual([0, 0, readMigrations().length])
        const n = await opened[0]!.db
          .selectFrom('schema_migrations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        expect(Number(n.n)).toBe(readMigrations().length)
      } finally {
        await Promise.all(opened.map((d) => d.close()))
        await drop()
      }
    })
  })
