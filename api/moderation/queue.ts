// The moderation queue: pending items of every kind and items with open reports, newest first
// (by creation, or by the latest report), each with its context and its reports.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { ContentKinds, QueueItem } from './content-kinds.ts'
import { listOpenReports, type OpenReports } from './reports.repository.ts'

export interface QueueEntry extends QueueItem {
  /** When it entered the queue: created (pending) or last reported. */
  at: Date
  reports: { count: number; latestAt: Date; reasons: string[] } | null
}

export async function buildQueue(
  db: Kysely<Database>,
  kinds: ContentKinds,
  q: { kind?: string | undefined; before?: Date | undefined; limit: number },
): Promise<QueueEntry[]> {
  const selected = kinds.all().filter((k) => !q.kind || k.kind === q.kind)
  const entries = new Map<string, QueueEntry>()
  const key = (kind: string, id: string) => `${kind}\u0000${id}`

  const reported = await listOpenReports(db, { kind: q.kind, limit: 1000 })
  const byKind = new Map<string, OpenReports[]>()
  for (const r of reported) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r])

  for (const kind of selected) {
    for (const item of await kind.listPending(db, { limit: q.limit, before: q.before })) {
      entries.set(key(item.kind, item.id), { ...item, at: item.createdAt, reports: null })
    }
    const open = byKind.get(kind.kind) ?? []
    if (open.length === 0) continue
    const items = await kind.describe(
      db,
      open.map((r) => r.itemId),
    )
    for (const item of items) {
      const r = open.find((o) => o.itemId === item.id)!
      // Rejected items are out of public view already: their reports need no review.
      if (item.status === 'rejected') continue
      const reports = { count: r.count, latestAt: r.latestAt, reasons: r.reasons }
      const at = r.latestAt > item.createdAt ? r.latestAt : item.createdAt
      entries.set(key(item.kind, item.id), { ...item, at, reports })
    }
  }
  return [...entries.values()]
    .filter((e) => !q.before || e.at < q.before)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, q.limit)
}
