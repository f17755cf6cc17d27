import { z } from 'zod'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts'

/** Emails are compared and stored lower-cased. */
export const email = z.string().trim().toLowerCase().pipe(z.email().max(254))

export const password = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`)

/** Shown to others as text; no control characters. */
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'no control characters')

export const loginBody = z.object({
  email,
  // Sign-in checks against what is stored: no length rule beyond a sane ceiling.
  password: z.string().min(1).max(PASSWORD_MAX),
})

export const registerBody = z.object({ email, password, displayName })
