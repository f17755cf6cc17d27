// Who is who. A visitor is anyone without a session; everyone else has exactly one role.
import type { Role } from '../db/database.ts'

export type { Role }

export const ROLES = [
  'resident',
  'facilitator',
  'antenna',
  'planner',
  'moderator',
  'admin',
] as const satisfies readonly Role[]

/** The caller as every route sees it: `c.var.user`, null for visitors. */
export interface SessionUser {
  id: string
  role: Role
  email: string
  displayName: string
}

/** The role names used in the authorisation table and the audit log, visitors included. */
export type Caller = Role | 'visitor'
