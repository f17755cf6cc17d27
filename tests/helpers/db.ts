// Test databases. PGlite: every test file clones one migrated snapshot (made once per run by
// tests/global-setup.ts), since opening PGlite with PostGIS from scratch costs 5–30 s and ~1 GB.
// PostgreSQL (when DATABASE_URL is set): each call creates its own database and drops it after.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openPglite, openPostgres, type OpenDatabase } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { SNAPSHOT_FILE } from './snapshot.ts'

export type Backend = 'pglite' | 'postgres'

export interface TestDatabase extends OpenDatabase {
  backend: Backend
  /** Closes and, on the server, drops the database. */
  drop(): Promise<void>
}

/** The backends this run can test: PGlite always, the server too when DATABASE_URL is set. */
export function backends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

/** The backend the application tests run on: the server when DATABASE_URL is set. */
export function defaultBackend(): Backend {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite'
}

export async function openTestDatabase(backend: Backend = defaultBackend()): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const data = fs.readFileSync(SNAPSHOT_FILE)
    const database = await openPglite({ loadDataDir: new Blob([data]) })
    return { ...database, backend, drop: () => database.close() }
  }
  const { url, drop } = await createServerDatabase()
  try {
    const database = await openPostgres(url)
    await prepareDatabase(database)
    return {
      ...database,
      backend,
      drop: async () => {
        await database.close()
        await drop()
      },
    }
  } catch (err) {
    await drop()
    throw err
  }
}

/** A new, empty database on the server named by DATABASE_URL; drop() removes it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('DATABASE_URL is not set')
  const name = `intrecci_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
  })
  await sql`create database ${sql.id(name)}`.execute(admin)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
      await admin.destroy()
    },
  }
}
