// Reports ("segnala"). Every function takes `db` first (a Kysely instance or a transaction).
import { createHmac } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

/** 'user:<id>' for people signed in, 'client:<HMAC-SHA-256 of the address>' for visitors. */
export function reporterKey(who: { userId: string } | { address: string; key: string }): string {
  if ('userId' in who) return `user:${who.userId}`
  return `client:${createHmac('sha256', who.key).update(who.address).digest('hex')}`
}

export function addReport(
  db: Kysely<Database>,
  r: {
    kind: string
    itemId: string
    reporterKey: string
    reporterId: string | null
    reason: string
  },
) {
  return db
    .insertInto('reports')
    .values({
      kind: r.kind,
      item_id: r.itemId,
      reporter_key: r.reporterKey,
      reporter_id: r.reporterId,
      reason: r.reason,
    })
    .returning(['created_at'])
    .executeTakeFirstOrThrow()
}

export async function countOpenReporters(
  db: Kysely<Database>,
  kind: string,
  itemId: string,
): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select(sql<string>`count(distinct reporter_key)`.as('n'))
    .where('kind', '=', kind)
    .where('item_id', '=', itemId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A moderator reviewed the item: its open reports are closed. */
export async function resolveReports(db: Kysely<Database>, kind: string, itemId: string) {
  await db
    .updateTable('reports')
    .set({ resolved_at: sql<Date>`now()` })
    .where('kind', '=', kind)
    .where('item_id', '=', itemId)
    .where('resolved_at', 'is', null)
    .execute()
}

export interface OpenReports {
  kind: string
  itemId: string
  count: number
  latestAt: Date
  reasons: string[]
}

/** Items with open reports, most recently reported first. */
export async function listOpenReports(
  db: Kysely<Database>,
  q: { kind?: string | undefined; limit: number },
): Promise<OpenReports[]> {
  let query = db
    .selectFrom('reports')
    .select([
      'kind',
      'item_id',
      sql<string>`count(distinct reporter_key)`.as('n'),
      sql<Date>`max(created_at)`.as('latest_at'),
      // The five latest reasons are enough context for the queue.
      sql<string[]>`(array_agg(reason order by created_at desc))[1:5]`.as('reasons'),
    ])
    .where('resolved_at', 'is', null)
    .groupBy(['kind', 'item_id'])
  if (q.kind) query = query.where('kind', '=', q.kind)
  const rows = await query
    .orderBy(sql`max(created_at)`, 'desc')
    .limit(q.limit)
    .execute()
  return rows.map((r) => ({
    kind: r.kind,
    itemId: r.item_id,
    count: Number(r.n),
    latestAt: new Date(r.latest_at),
    reasons: r.reasons,
  }))
}

export function reportsBy(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('reports')
    .select(['kind', 'item_id', 'reason', 'created_at', 'resolved_at'])
    .where('reporter_id', '=', userId)
    .orderBy('created_at')
    .execute()
}
