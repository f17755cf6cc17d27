// Who may invite whom. Admins invite any role. Facilitators invite the participants of their
// groups, residents, and nobody else: roles that see private data (antenna, planner) or govern
// others (moderator, admin) are granted by an admin only. Moderators do not invite.
import type { Role } from '../db/database.ts'

export function mayInvite(inviter: Role, role: Role): boolean {
  if (inviter === 'admin') return true
  if (inviter === 'facilitator') return role === 'resident'
  return false
}

export const DEFAULT_EXPIRY_DAYS = 7
export const MAX_EXPIRY_DAYS = 30

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

export function invitationStatus(
  i: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date },
  now: Date,
): InvitationStatus {
  if (i.accepted_at) return 'accepted'
  if (i.revoked_at) return 'revoked'
  if (i.expires_at.getTime() <= now.getTime()) return 'expired'
  return 'pending'
}
