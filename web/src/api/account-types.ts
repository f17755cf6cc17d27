// The accounts, invitations, moderation and administration API's JSON, as the web app reads it
// (api/auth/README.md). Dates arrive as ISO 8601 strings.

export const ROLES = [
  'resident',
  'facilitator',
  'antenna',
  'planner',
  'moderator',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

/** The signed-in person (`GET /api/auth/me`, and the answer of every way in). */
export interface SessionUser {
  id: string
  email: string
  displayName: string
  role: Role
}

/** A user as admins list them. */
export interface UserRow extends SessionUser {
  createdAt: string
  lastLoginAt: string | null
}

export interface Credentials {
  email: string
  password: string
}

export interface NewAccount extends Credentials {
  displayName: string
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

export interface Invitation {
  id: string
  role: Role
  email: string | null
  status: InvitationStatus
  createdBy: string | null
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
  acceptedBy: string | null
  revokedAt: string | null
}

export interface NewInvitation {
  role: Role
  email?: string
  expiresInDays?: number
}

/** The answer to creating one: the token appears here only, once. */
export interface CreatedInvitation {
  invitation: Invitation
  token: string
  /** The link's path, `/invito/<token>`. */
  path: string
}

/** What a visitor holding the link sees before accepting. */
export interface InvitationPreview {
  role: Role
  email: string | null
  expiresAt: string
}

export type ContentStatus = 'pending' | 'published' | 'hidden' | 'rejected'
export type ModerationAction = 'approve' | 'reject' | 'hide' | 'restore'

export interface QueueItem {
  kind: string
  id: string
  status: ContentStatus
  createdAt: string
  /** When it entered the queue: created (pending) or last reported. */
  at: string
  title: string
  excerpt: string | null
  /** An account (null id and name once erased: "utente cancellato"), or a pseudonym. */
  author: { id: string | null; displayName: string | null; pseudonym: string | null }
  context: {
    category?: string
    on?: { kind: string; id: string; title: string | null }
    themes?: string[]
    organization?: string | null
    [key: string]: unknown
  }
  reports: { count: number; latestAt: string; reasons: string[] } | null
}

export interface Queue {
  items: QueueItem[]
  next: string | null
}

export interface ModerationSettings {
  residentsPublishDirectly: boolean
}

/** The personal data export (`GET /api/me/export`): the parts the account page shows. */
export interface PersonalExport {
  exportedAt: string
  account: UserRow
  sessions: { createdAt: string; lastSeenAt: string; expiresAt: string; current: boolean }[]
  invitationsCreated: Invitation[]
  reports: { kind: string; itemId: string; reason: string; createdAt: string }[]
  activity: { at: string; action: string }[]
  /** By content kind: places and resources as GeoJSON Features, comments as objects. */
  contributions: Record<string, ExportedContribution[]>
  needSignals: unknown[]
}

export interface ExportedContribution {
  id: string
  /** Places and resources. */
  properties?: { name?: string; status?: ContentStatus; createdAt?: string }
  /** Comments. */
  text?: string
  status?: ContentStatus
  createdAt?: string
}
