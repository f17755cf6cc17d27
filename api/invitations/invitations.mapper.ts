// Invitation rows → JSON (camelCase), with the status computed from the timestamps.
import { invitationStatus } from './invitation-rules.ts'
import type { InvitationRecord } from './invitations.repository.ts'

export function toInvitationJson(r: InvitationRecord, now = new Date()) {
  return {
    id: r.id,
    role: r.role,
    email: r.email,
    status: invitationStatus(r, now),
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    acceptedBy: r.accepted_by,
    revokedAt: r.revoked_at,
  }
}
