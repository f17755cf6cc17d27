// Text fields of user content: NFC-normalised and trimmed; control characters refused (line
// breaks and tabs allowed in long text). Emoji, right-to-left scripts and combining accents are
// ordinary text.
import { z } from 'zod'

const NO_CONTROL_LINE = /^[^\p{Cc}\p{Cs}]*$/u
const NO_CONTROL_MULTILINE = /^(?:[^\p{Cc}\p{Cs}]|[\n\t])*$/u

export function lineText(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max)
        .regex(NO_CONTROL_LINE, 'no control characters'),
    )
}

export function longText(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max).regex(NO_CONTROL_MULTILINE, 'no control characters'))
}

/** Optional on create; on update, null clears it. Empty text is stored as null. */
export function optional<T extends z.ZodType<string>>(schema: T) {
  return schema
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v))
}
