// Request shapes of /api/maps, checked once at the edge. Unknown members are stripped.
import { z } from 'zod'
import { cursorParam, limitParam } from '../geo/feature-list.ts'
import { geometryField } from '../geo/field.ts'
import { lineText, longText, optional } from '../geo/text-fields.ts'
import { pseudonym } from '../moderation/anonymous.ts'
import { FEATURE_KINDS, legendField } from './legend.ts'
import { TEMPLATE_KEYS } from './templates.ts'

export const VISIBILITIES = ['private', 'unlisted', 'public'] as const

const isoDate = z.iso.date('a date like 2026-03-14')
const version = z.number().int().min(1).max(2_000_000_000)

const meeting = z.object({
  place: optional(lineText(300)),
  date: isoDate.nullable().optional(),
  point: geometryField(['Point']).nullable().optional(),
})

const mapFields = {
  title: lineText(200),
  description: optional(longText(5000)),
  meeting: meeting.optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code like "it" or "en"'),
  visibility: z.enum(VISIBILITIES),
  legend: legendField,
}

export const createMapBody = z
  .object({
    ...mapFields,
    language: mapFields.language.default('it'),
    visibility: mapFields.visibility.default('private'),
    legend: mapFields.legend.optional(),
    template: z.enum(TEMPLATE_KEYS).optional(),
  })
  .refine((b) => !(b.legend && b.template), {
    message: 'send a legend or a template, not both',
    path: ['template'],
  })
export type CreateMapBody = z.output<typeof createMapBody>

export const updateMapBody = z
  .object({ version, ...mapFields })
  .partial({
    title: true,
    description: true,
    meeting: true,
    language: true,
    visibility: true,
    legend: true,
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: 'nothing to change',
  })
export type UpdateMapBody = z.output<typeof updateMapBody>

export const mapIdParam = z.object({ id: z.uuid('not a map id') })
export const featureParam = mapIdParam.extend({ featureId: z.uuid('not a feature id') })
export const photoParam = mapIdParam.extend({ photoId: z.uuid('not a photo id') })
export const participantParam = mapIdParam.extend({ participantId: z.uuid('not a participant id') })

export const listMapsQuery = z.object({ limit: limitParam, cursor: cursorParam.optional() })

export const featureFields = {
  kind: z.enum(FEATURE_KINDS),
  mode: z
    .string()
    .regex(/^[a-z][a-z-]{0,31}$/, 'a drawing mode name like "freehand" or "circle"')
    .nullable()
    .optional(),
  symbol: z.string().min(1).max(40),
  title: optional(lineText(200)),
  note: optional(longText(2000)),
  story: optional(longText(20000)),
  geometry: geometryField(['Point', 'LineString', 'Polygon']),
}

export const createFeatureBody = z.object(featureFields)
export type CreateFeatureBody = z.output<typeof createFeatureBody>

export const updateFeatureBody = z
  .object({ version, ...featureFields })
  .partial({
    kind: true,
    mode: true,
    symbol: true,
    title: true,
    note: true,
    story: true,
    geometry: true,
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: 'nothing to change',
  })
export type UpdateFeatureBody = z.output<typeof updateFeatureBody>

export const deleteFeatureQuery = z.object({
  version: z.coerce.number().int().min(1).max(2_000_000_000),
})

/** Codes are typed by people: case, spaces and dashes do not matter ("k7q-m2p"). */
const joinCode = z
  .string()
  .max(20)
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-HJKMNP-Z2-9]{6}$/, 'a code of 6 letters and digits'))

const joinToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation link token')

export const joinCheckBody = z
  .object({ code: joinCode.optional(), token: joinToken.optional() })
  .refine((b) => (b.code === undefined) !== (b.token === undefined), {
    message: 'send the code or the link token',
    path: ['code'],
  })

export const joinBody = z
  .object({ code: joinCode.optional(), token: joinToken.optional(), pseudonym })
  .refine((b) => (b.code === undefined) !== (b.token === undefined), {
    message: 'send the code or the link token',
    path: ['code'],
  })
export type JoinBody = z.output<typeof joinBody>

export const codeBody = z.object({
  /** How long the code works: a meeting's evening by default, at most 30 days. */
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
})
