// Validation at the edge, once: zod schemas through Hono's validator, with our own error body
// naming the field at fault (Hono's default would echo the input back).
import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import type { z } from 'zod'
import { validationError } from './errors.ts'

export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(
  target: T,
  schema: S,
) {
  return validator(target, (value): z.output<S> => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw validationError(parsed.error, target)
    return parsed.data
  })
}
