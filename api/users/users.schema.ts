import { z } from 'zod'
import { PASSWORD_MAX } from '../auth/passwords.ts'
import { ROLES } from '../auth/roles.ts'

export const listUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

export const userIdParam = z.object({ id: z.uuid() })

export const patchUserBody = z.object({ role: z.enum(ROLES) }).strict()

/** Erasure asks for the password again: a stolen session alone cannot erase an account. */
export const eraseMeBody = z.object({ password: z.string().min(1).max(PASSWORD_MAX) })
