import { z } from 'zod'
import { cursorParam, limitParam } from '../geo/feature-list.ts'
import { longText } from '../geo/text-fields.ts'
import { contributorFields } from '../moderation/anonymous.ts'
import { COMMENT_REACTION_KEYS } from '../vocabulary/vocabulary.ts'

// map and map_feature: unconventional maps and their drawings (api/maps/comment-target.ts).
export const TARGET_KINDS = ['place', 'resource', 'map', 'map_feature'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]

// Unknown members (status, author, …) are stripped: never stored.
export const createCommentBody = z.object({
  target: z.object({ kind: z.enum(TARGET_KINDS), id: z.uuid() }),
  parentId: z.uuid().optional(),
  text: longText(5000).pipe(z.string().min(1, 'must not be empty')),
  reaction: z.enum(COMMENT_REACTION_KEYS).optional(),
  ...contributorFields,
})
export type CreateCommentBody = z.output<typeof createCommentBody>

export const listCommentsQuery = z.object({
  targetKind: z.enum(TARGET_KINDS),
  targetId: z.uuid(),
  limit: limitParam,
  cursor: cursorParam.optional(),
})

export const commentIdParam = z.object({ id: z.uuid('not a comment id') })
