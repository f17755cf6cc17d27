// Content versions of the tile layers: one row per table in tile_versions, bumped by triggers in
// the same transaction as every write (sql/0050_tile_versions.sql).
import type { Kysely } from 'kysely'
import type { Database } from '../api/db/database.ts'

export async function contentVersion(db: Kysely<Database>, source: string): Promise<string> {
  const row = await db
    .selectFrom('tile_versions')
    .select('version')
    .where('source', '=', source)
    .executeTakeFirst()
  if (!row) throw new Error(`tile_versions has no row for ${source}`)
  return String(row.version)
}
