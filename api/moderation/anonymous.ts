// What anonymous contributions carry: a pseudonym (required without an account) and a honeypot
// field that people never see and bots fill in. Content schemas spread `contributorFields`.
import { z } from 'zod'
import type { SessionUser } from '../auth/roles.ts'
import { ApiError } from '../errors.ts'

/** Hidden in the form (off-screen, tabindex -1, autocomplete off): any value means a bot. */
export const HONEYPOT_FIELD = 'website'

export const pseudonym = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'no control characters')

export const contributorFields = {
  pseudonym: pseudonym.optional(),
  [HONEYPOT_FIELD]: z.string().max(500).optional(),
}

/**
 * True when the honeypot was filled: the caller answers as if the contribution was accepted
 * (202) and stores nothing, so the bot learns nothing.
 */
export function isHoneypotFilled(body: { [HONEYPOT_FIELD]?: string | undefined }): boolean {
  return (body[HONEYPOT_FIELD] ?? '').trim() !== ''
}

/** Visitors must sign their contribution with a pseudonym; account holders need none. */
export function requirePseudonym(
  user: SessionUser | null,
  value: string | undefined,
): string | null {
  if (user) return null
  if (!value) {
    throw new ApiError(400, 'invalid_input', 'pseudonym: required without an account', [
      { field: 'pseudonym', message: 'required without an account' },
    ])
  }
  return value
}
