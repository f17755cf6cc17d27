// Forward-only migrations: sql/NNNN_name.sql applied in order, each in its own transaction, and
// recorded in schema_migrations with a checksum. A server-wide advisory lock makes concurrent
// starts against one server safe: the second waits, then finds nothing left to do.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { Database } from './database.ts'
import { StartupError } from './errors.ts'

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url))

export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

export function readMigrations(dir = SQL_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
  return files.map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8')
    return {
      version: Number.parseInt(file.slice(0, 4), 10),
      name: file.slice(5, -4),
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
    }
  })
}

export interface MigrateResult {
  applied: string[]
}

/** What migrate needs of an open database: queries, and multi-statement scripts. */
export interface Migratable {
  db: Kysely<Database>
  runScript(text: string): Promise<void>
}

export async function migrate(
  { db, runScript }: Migratable,
  migrations = readMigrations(),
  onApply: (name: string) => void = () => {},
): Promise<MigrateResult> {
  // The lock lives on one connection: take it inside a connection scope.
  return db.connection().execute(async (conn) => {
    // 7261042017: any fixed key, the same in every process of every version.
    await sql`select pg_advisory_lock(7261042017)`.execute(conn)
    try {
      await sql`create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`.execute(conn)
      const done = await conn
        .selectFrom('schema_migrations')
        .selectAll()
        .orderBy('version')
        .execute()
      const known = new Map(migrations.map((m) => [m.version, m]))
      const newer = done.find((d) => !known.has(d.version))
      if (newer) {
        throw new StartupError(
          `the database was migrated by a newer version of Intrecci (migration ${newer.version} ` +
            `"${newer.name}" is unknown to this one): upgrade Intrecci, or use another database`,
        )
      }
      for (const d of done) {
        const m = known.get(d.version)!
        if (m.checksum !== d.checksum) {
          throw new StartupError(
            `migration ${m.version} "${m.name}" was changed after it was applied ` +
              `(migrations are frozen once merged: add a new one instead)`,
          )
        }
      }
      const applied: string[] = []
      const doneVersions = new Set(done.map((d) => d.version))
      for (const m of migrations) {
        if (doneVersions.has(m.version)) continue
        const label = `${String(m.version).padStart(4, '0')}_${m.name}`
        onApply(label)
        // One script, one transaction: the migration and its record land together or not at all.
        // The record's values come from the file name (checked by the pattern above) and a hex
        // digest, never from user input.
        await runScript(
          `${m.sql}\n;INSERT INTO schema_migrations (version, name, checksum) ` +
            `VALUES (${m.version}, '${m.name}', '${m.checksum}');`,
        )
        applied.push(label)
      }
      return { applied }
    } finally {
      await sql`select pg_advisory_unlock(7261042017)`.execute(conn)
    }
  })
}
