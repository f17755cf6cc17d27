import { z } from 'zod'

export const SEARCH_MAX_LIMIT = 20

export const searchQuery = z.object({
  q: z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters'),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(8),
})
export type SearchQuery = z.output<typeof searchQuery>
