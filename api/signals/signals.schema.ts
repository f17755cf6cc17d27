// Input of the need-signal routes. Validation at the edge (api/validate.ts): what passes is typed.
// Messages name the field and never echo another signal's data; at most they describe the
// caller's own input.
import { z } from 'zod'
import { areaKind } from '../areas/areas.schema.ts'
import { geometryField } from '../geo/field.ts'
import { SIGNAL_THEMES } from './themes.ts'
import { isoDate, weekStart } from './weeks.ts'

export const signalTheme = z.enum(SIGNAL_THEMES)

/** A GeoJSON Point (RFC 7946), lon/lat, rounded to 7 decimals by the shared guard; the route
 * then checks the territory (guardGeometry) and the database finds its areas. */
export const pointGeometry = geometryField(['Point'])

const observedOn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    if (Number.isNaN(d.getTime()) || isoDate(d) !== v) return false
    // Not before 2000, not after tomorrow (an antenna a timezone ahead of the server).
    return v >= '2000-01-01' && d.getTime() <= Date.now() + 2 * 86_400_000
  }, 'expected a real date, not in the future')

const note = z.string().trim().max(2000).nullable()

export const createSignalBody = z.object({
  theme: signalTheme,
  severity: z.int().min(1).max(3),
  note: note.optional(),
  observedOn,
  geometry: pointGeometry,
})
export type CreateSignalInput = z.output<typeof createSignalBody>

export const patchSignalBody = z
  .object({
    theme: signalTheme,
    severity: z.int().min(1).max(3),
    note,
    observedOn,
    geometry: pointGeometry,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
export type PatchSignalInput = z.output<typeof patchSignalBody>

export const signalIdParam = z.object({ id: z.string() })

export const listSignalsQuery = z.object({
  theme: signalTheme.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
})

/** An ISO week or a date, as the Monday of its week. */
const week = z
  .string()
  .max(10)
  .transform((v, ctx) => {
    const monday = weekStart(v)
    if (!monday) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an ISO week (2026-W14) or a date (2026-04-01); weeks are the finest',
      })
      return z.NEVER
    }
    return monday
  })

/** Hexagon edge lengths in EPSG:3857 metres: a fixed ladder, so grids cannot be slid or shrunk
 * a metre at a time to difference cells. The public's smallest is 500. */
export const HEX_SIZES = [250, 500, 1000, 2000, 4000] as const
export const PUBLIC_MIN_HEX_SIZE = 500

export const aggregateQuery = z
  .object({
    by: z.enum(['area', 'hex']),
    kind: areaKind.optional(),
    size: z.coerce
      .number()
      .int()
      .refine((s) => (HEX_SIZES as readonly number[]).includes(s), {
        message: `expected one of ${HEX_SIZES.join(', ')} (metres, EPSG:3857)`,
      })
      .optional(),
    theme: signalTheme.optional(),
    from: week.optional(),
    to: week.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.by === 'area' && !q.kind)
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'required with by=area' })
    if (q.by === 'area' && q.size !== undefined)
      ctx.addIssue({ code: 'custom', path: ['size'], message: 'only with by=hex' })
    if (q.by === 'hex' && q.size === undefined)
      ctx.addIssue({ code: 'custom', path: ['size'], message: 'required with by=hex' })
    if (q.by === 'hex' && q.kind)
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'only with by=area' })
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' })
  })
export type AggregateQuery = z.output<typeof aggregateQuery>
