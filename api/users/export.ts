// The personal data export: everything Intrecci holds about the caller, as one JSON document.
import type { Kysely } from 'kysely'
import { listUserSessions } from '../auth/sessions.repository.ts'
import type { Database } from '../db/database.ts'
import { toInvitationJson } from '../invitations/invitations.mapper.ts'
import { invitationsCreatedBy } from '../invitations/invitations.repository.ts'
import type { ContentKinds } from '../moderation/content-kinds.ts'
import { reportsBy } from '../moderation/reports.repository.ts'
import { toSignalFeature } from '../signals/signals.mapper.ts'
import { listSignals } from '../signals/signals.repository.ts'
import { toUserJson } from './users.mapper.ts'
import { findUserById } from './users.repository.ts'

export async function buildExport(
  db: Kysely<Database>,
  kinds: ContentKinds,
  input: { userId: string; currentSessionHash: string | null },
) {
  const user = await findUserById(db, input.userId)
  if (!user) return undefined
  const sessions = await listUserSessions(db, user.id)
  const invitations = await invitationsCreatedBy(db, user.id)
  const reports = await reportsBy(db, user.id)
  const activity = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'target_kind', 'target_id', 'reason'])
    .where('actor_id', '=', user.id)
    .orderBy('at')
    .execute()
  // An antenna's own need signals, with their points: only ever to their author (and admins).
  const signals = await listSignals(db, { owner: user.id, limit: 100_000 })
  const contributions: Record<string, unknown[]> = {}
  for (const kind of kinds.all()) contributions[kind.kind] = await kind.exportFor(db, user.id)
  return {
    exportedAt: new Date(),
    account: toUserJson(user),
    sessions: sessions.map((s) => ({
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      current: s.token_hash === input.currentSessionHash,
    })),
    invitationsCreated: invitations.map((i) => toInvitationJson(i)),
    reports: reports.map((r) => ({
      kind: r.kind,
      itemId: r.item_id,
      reason: r.reason,
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
    })),
    activity: activity.map((a) => ({
      at: a.at,
      action: a.action,
      target: { kind: a.target_kind, id: a.target_id },
      reason: a.reason,
    })),
    contributions,
    needSignals: signals.map(toSignalFeature),
  }
}
