// Reading the audit log (admins), newest first, by id cursor.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export interface AuditFilter {
  actorId?: string | undefined
  targetKind?: string | undefined
  targetId?: string | undefined
  action?: string | undefined
  /** Rows with an id below this one (the `next` cursor). */
  before?: number | undefined
  limit: number
}

export function listAudit(db: Kysely<Database>, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .select([
      sql<string>`id::text`.as('id'),
      'at',
      'actor_id',
      'actor_role',
      'action',
      'target_kind',
      'target_id',
      'reason',
      'before',
      'after',
    ])
  if (f.actorId) q = q.where('actor_id', '=', f.actorId)
  if (f.targetKind) q = q.where('target_kind', '=', f.targetKind)
  if (f.targetId) q = q.where('target_id', '=', f.targetId)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.before !== undefined) q = q.where(sql`id`, '<', f.before)
  return q
    .orderBy(sql`id`, 'desc')
    .limit(f.limit)
    .execute()
}

export type AuditRecord = Awaited<ReturnType<typeof listAudit>>[number]

export function toAuditJson(r: AuditRecord) {
  return {
    id: r.id,
    at: r.at,
    actor: { id: r.actor_id, role: r.actor_role },
    action: r.action,
    target: { kind: r.target_kind, id: r.target_id },
    reason: r.reason,
    before: r.before,
    after: r.after,
  }
}
