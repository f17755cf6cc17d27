import { z } from 'zod'
import { bboxParam, cursorParam, keyList, limitParam } from '../geo/feature-list.ts'
import { geometryField } from '../geo/field.ts'
import { lineText, longText, optional } from '../geo/text-fields.ts'
import { contributorFields } from '../moderation/anonymous.ts'
import { CONTENT_STATUSES } from '../moderation/content-kinds.ts'
import { PLACE_CATEGORY_KEYS } from '../vocabulary/vocabulary.ts'

// Unknown members (status, author, version, id, …) are stripped by z.object: never stored.
const placeFields = {
  category: z.enum(PLACE_CATEGORY_KEYS),
  name: lineText(200),
  description: optional(longText(5000)),
  story: optional(longText(20000)),
  address: optional(lineText(300)),
  geometry: geometryField(['Point']),
}

export const createPlaceBody = z.object({ ...placeFields, ...contributorFields })
export type CreatePlaceBody = z.output<typeof createPlaceBody>

export const updatePlaceBody = z
  .object(placeFields)
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')
export type UpdatePlaceBody = z.output<typeof updatePlaceBody>

export const listPlacesQuery = z.object({
  bbox: bboxParam.optional(),
  category: keyList(PLACE_CATEGORY_KEYS).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(CONTENT_STATUSES).optional(),
  limit: limitParam,
  cursor: cursorParam.optional(),
})
export type ListPlacesQuery = z.output<typeof listPlacesQuery>

export const placeIdParam = z.object({ id: z.uuid('not a place id') })

export const hideBody = z.object({ reason: lineText(2000) })
