import { z } from 'zod'
import { ROLES } from '../auth/roles.ts'
import { displayName, email, password } from '../auth/auth.schema.ts'
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from './invitation-rules.ts'

export const createInvitationBody = z.object({
  role: z.enum(ROLES),
  /** Binds the invitation to one address: only it can accept. */
  email: email.optional(),
  expiresInDays: z.number().int().min(1).max(MAX_EXPIRY_DAYS).default(DEFAULT_EXPIRY_DAYS),
})

export const listInvitationsQuery = z.object({
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional(),
})

export const invitationIdParam = z.object({ id: z.uuid() })

export const tokenParam = z.object({ token: z.string().max(64) })

export const acceptBody = z.object({ email, password, displayName })
