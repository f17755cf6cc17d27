// Resources of the network. JSON names follow Open Referral HSDS 3.0 in camelCase where they fit
// (organization, email, url, eligibilityDescription, schedule byday/opensAt/closesAt,
// serviceArea, assuredDate = "last verified").
import { z } from 'zod'
import { bboxParam, cursorParam, keyList, limitParam } from '../geo/feature-list.ts'
import { geometryField } from '../geo/field.ts'
import { lineText, longText, optional } from '../geo/text-fields.ts'
import { CONTENT_STATUSES } from '../moderation/content-kinds.ts'
import { RESOURCE_THEME_KEYS } from '../vocabulary/vocabulary.ts'

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)')

export const scheduleEntry = z
  .object({
    byday: z.enum(WEEKDAYS),
    opensAt: hhmm,
    closesAt: hhmm,
    description: lineText(200).optional(),
  })
  .refine((s) => s.opensAt < s.closesAt, {
    message: 'must close after it opens',
    path: ['closesAt'],
  })

const isoDate = z.iso
  .date()
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'in the future')

const resourceFields = {
  name: lineText(200),
  description: optional(longText(5000)),
  themes: z
    .array(z.enum(RESOURCE_THEME_KEYS))
    .min(1)
    .max(10)
    .transform((t) => [...new Set(t)]),
  organization: optional(lineText(200)),
  email: optional(z.email().max(254)),
  phone: optional(
    z
      .string()
      .max(50)
      .regex(/^[+0-9 ()./-]{3,50}$/, 'digits, spaces, + ( ) . / -'),
  ),
  url: optional(z.url({ protocol: /^https?$/ }).max(500)),
  schedule: z.array(scheduleEntry).max(50).optional(),
  eligibilityDescription: optional(longText(2000)),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code, e.g. "it"'))
    .max(30)
    .optional(),
  accessibility: optional(longText(2000)),
  address: optional(lineText(300)),
  geometry: geometryField(['Point']),
  serviceArea: geometryField(['Polygon', 'MultiPolygon']).nullable().optional(),
  assuredDate: isoDate.nullable().optional(),
}

// Unknown members (status, author, version, …) are stripped: never stored.
export const createResourceBody = z.object(resourceFields)
export type CreateResourceBody = z.output<typeof createResourceBody>

export const updateResourceBody = z
  .object(resourceFields)
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')
export type UpdateResourceBody = z.output<typeof updateResourceBody>

export const listResourcesQuery = z.object({
  bbox: bboxParam.optional(),
  theme: keyList(RESOURCE_THEME_KEYS).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(CONTENT_STATUSES).optional(),
  limit: limitParam,
  cursor: cursorParam.optional(),
})

export const resourceIdParam = z.object({ id: z.uuid('not a resource id') })
