// Opens the database: PGlite + PostGIS (WASM, in-process) in a data directory by default, or a
// PostgreSQL + PostGIS server when a URL is given. Both return the same Kysely<Database>.
import fs from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './database.ts'
import { StartupError } from './errors.ts'
import { acquireDirLock, type DirLock } from './dir-lock.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface OpenDatabase {
  db: Kysely<Database>
  kind: DatabaseKind
  /** Where the data lives, for the start-up message: a directory, or the server without password. */
  location: string
  /** Runs a multi-statement SQL script (a migration) in one transaction. */
  runScript(text: string): Promise<void>
  close(): Promise<void>
}

export interface PgliteOptions {
  /** Persist under this directory (the database in its pgdata/ folder); omitted → in memory. */
  dataDir?: string
  /** Start from a dump made by PGlite's dumpDataDir() (tests clone one migrated snapshot). */
  loadDataDir?: Blob | File
}

export async function openPglite(
  options: PgliteOptions = {},
): Promise<OpenDatabase & { pglite: PGlite }> {
  let lock: DirLock | undefined
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true })
    lock = acquireDirLock(options.dataDir)
  }
  let pglite: PGlite
  try {
    // Loaded only here: a process on a PostgreSQL server never holds the embedded engine.
    const [{ PGlite }, { postgis }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-postgis'),
    ])
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pgdata') } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis },
      // Half PostgreSQL's default buffer pool: the pool lives in WebAssembly memory, which never
      // shrinks, and PGlite's files are already in the OS page cache. Keeps the embedded server
      // under 1 GB at rest (about 100 MB less) at no visible cost at a neighbourhood's scale.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=64MB'],
    })
  } catch (err) {
    lock?.release()
    throw new StartupError(
      `cannot open the embedded database in ${options.dataDir ?? 'memory'}: ${(err as Error).message}`,
    )
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    pglite,
    kind: 'pglite',
    location: options.dataDir ?? 'memory',
    // PGlite's query() takes one statement; exec() takes a script.
    runScript: async (text) => {
      await pglite.transaction(async (tx) => {
        await tx.exec(text)
      })
    },
    async close() {
      await db.destroy()
      lock?.release()
    },
  }
}

export async function openPostgres(url: string): Promise<OpenDatabase> {
  const where = describeServer(url)
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (err) => console.error(`[db] idle connection error: ${err.message}`))
  try {
    const client = await pool.connect()
    client.release()
  } catch (err) {
    await pool.end().catch(() => {})
    throw new StartupError(`cannot reach PostgreSQL at ${where}: ${connectionReason(err)}`)
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const available = await sql<{ n: number }>`
    select count(*)::int as n from pg_available_extensions where name = 'postgis'`.execute(db)
  if (available.rows[0]?.n === 0) {
    await db.destroy()
    throw new StartupError(
      `PostGIS is not installed on the PostgreSQL server at ${where}: install it ` +
        `(Debian: apt-get install postgresql-15-postgis-3) and start again`,
    )
  }
  return {
    db,
    kind: 'postgres',
    location: where,
    runScript: async (text) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query(text) // no parameters: the simple protocol runs every statement
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}

export interface DatabaseConfig {
  databaseUrl: string | undefined
  dataDir: string
}

export function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openPglite({ dataDir: config.dataDir })
}

/** host:port/database, never the password. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`
  } catch {
    return 'the configured DATABASE_URL'
  }
}

function connectionReason(err: unknown): string {
  const e = err as { code?: string; message?: string }
  if (e.code === 'ECONNREFUSED') return 'connection refused (is the server running?)'
  if (e.code === 'ENOTFOUND') return 'unknown host'
  if (e.code === '3D000') return e.message ?? 'database does not exist'
  if (e.code === '28P01' || e.code === '28000') return 'authentication failed'
  return e.message || e.code || 'unknown error'
}
