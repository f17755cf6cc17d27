// The writes the content tables share (places, resources): a status move that only happens from
// the expected states, a delete, and letting go of an erased account. One implementation, so
// the two tables cannot drift apart in how moderation and erasure treat them.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { ContentStatus } from './content-kinds.ts'

export type ContentTable = 'places' | 'resources'

// Both tables have these columns with these types; Kysely cannot check a column against a
// union of tables, so the queries are typed against one of them.
const one = (table: ContentTable) => table as 'places'

/** Moves the row to `to` if its status is one of `from` (one conditional UPDATE: two
 * moderators cannot both act on one state); true when it changed. */
export async function setContentStatus(
  db: Kysely<Database>,
  table: ContentTable,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
): Promise<boolean> {
  const r = await db
    .updateTable(one(table))
    .set({ status: change.to, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteContent(
  db: Kysely<Database>,
  table: ContentTable,
  id: string,
): Promise<boolean> {
  const r = await db.deleteFrom(one(table)).where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** An erased account's rows stay, without their author; the count of rows let go. */
export async function forgetContentAuthor(
  db: Kysely<Database>,
  table: ContentTable,
  userId: string,
): Promise<number> {
  const r = await db
    .updateTable(one(table))
    .set({ author_id: null })
    .where('author_id', '=', userId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
