// A map's legend: the group's own symbols (label, colour, emoji or icon, and the kinds of
// drawing each applies to). Checked once at the edge (zod); the rules that need the features
// (a symbol in use cannot go) live in the routes.
import { z } from 'zod'
import { lineText } from '../geo/text-fields.ts'
import type { FeatureKind, LegendSymbol } from './maps.table.ts'

export const FEATURE_KINDS = [
  'point',
  'line',
  'polygon',
  'label',
] as const satisfies readonly FeatureKind[]
export const MAX_SYMBOLS = 50
const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/

/** "Dove mi sento a casa" → "dove-mi-sento-a-casa": ASCII, lower case, at most 40 characters. */
export function slugOf(label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return slug || 'simbolo'
}

const symbolInput = z.object({
  key: z.string().regex(KEY, 'lower-case letters, digits and dashes (≤ 40)').optional(),
  label: lineText(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1b9e77'),
  // One emoji (a grapheme may take several code points: flags, skin tones, ZWJ sequences).
  emoji: z
    .string()
    .trim()
    .max(16)
    .regex(/^[^\p{Cc}\p{Cs}\s]*$/u, 'one emoji, no spaces')
    .nullable()
    .optional()
    .transform((v) => v || null),
  icon: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an icon name: lower-case letters, digits, dashes')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  kinds: z
    .array(z.enum(FEATURE_KINDS))
    .min(1, 'at least one kind of drawing')
    .transform((ks) => [...new Set(ks)]),
})

/** Symbols with keys: missing keys come from the label, made unique; duplicates are refused. */
export const legendField = z
  .array(symbolInput)
  .max(MAX_SYMBOLS, `at most ${MAX_SYMBOLS} symbols`)
  .transform((symbols, ctx): LegendSymbol[] => {
    const given = new Set(symbols.map((s) => s.key).filter(Boolean))
    const used = new Set<string>()
    const out: LegendSymbol[] = []
    symbols.forEach((s, i) => {
      let key = s.key
      if (key) {
        if (used.has(key)) {
          ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `"${key}" is used twice` })
          return
        }
      } else {
        const base = slugOf(s.label).slice(0, 36)
        key = base
        for (let n = 2; used.has(key) || given.has(key); n++) key = `${base}-${n}`
      }
      used.add(key)
      out.push({
        key,
        label: s.label,
        color: s.color.toLowerCase(),
        emoji: s.emoji,
        icon: s.icon,
        kinds: s.kinds,
      })
    })
    return out
  })

export function symbolFor(legend: readonly LegendSymbol[], key: string): LegendSymbol | undefined {
  return legend.find((s) => s.key === key)
}
