import { z } from 'zod'
import { moderationSettings } from './settings.repository.ts'

const kindName = z.string().regex(/^[a-z_]{1,32}$/, 'not a content kind')
const itemId = z.string().min(1).max(128)
const reason = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^(?:[^\p{Cc}\p{Cs}]|[\n\t])*$/u, 'no control characters')

export const itemParam = z.object({ kind: kindName, id: itemId })

/** Reject and hide need a reason; approve and restore may carry one. Bodies may be empty. */
export const actionBody = z.object({ reason: reason.optional() })

export const queueQuery = z.object({
  kind: kindName.optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const reportBody = z.object({ kind: kindName, id: itemId, reason })

export const settingsBody = moderationSettings.strict()
