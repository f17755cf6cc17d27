// The audit log: one row per change by anyone, written with audit(db, entry) inside the same
// transaction as the change, so both land or neither does. Append-only in the database.
// Rows name people only by id: `before`/`after` must never hold an email or a display name
// (erasure promises no trace of them) — user changes record roles and flags, not identities.
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import type { Database } from '../db/database.ts'

export interface Actor {
  id: string | null
  /** A role, 'visitor' for anonymous callers, 'system' for the admin CLI and automatic rules. */
  role: string
}

export interface AuditEntry {
  actor: Actor
  /** `<target kind>.<verb>`: user.create, invitation.revoke, moderation.hide, … */
  action: string
  target: { kind: string; id: string | null }
  reason?: string | null
  before?: unknown
  after?: unknown
}

export const SYSTEM: Actor = { id: null, role: 'system' }

export function actorOf(c: Context<AppEnv>): Actor {
  const user = c.var.user
  return user ? { id: user.id, role: user.role } : { id: null, role: 'visitor' }
}

export async function audit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actor.id,
      actor_role: e.actor.role,
      action: e.action,
      target_kind: e.target.kind,
      target_id: e.target.id,
      reason: e.reason ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute()
}
