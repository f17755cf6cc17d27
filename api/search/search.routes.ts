// GET /api/search?q= — one box for everything with a name: published places, resources and
// areas, accent- and case-insensitive ("segre" finds "Segrè", "citta" finds "Città"), each with
// where to fly (a point, or an area's bbox), best matches first. Need signals have no names and
// are never searched.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { valid } from '../validate.ts'
import { queryTokens } from './search-match.ts'
import { searchAreas, searchPlaces, searchResources } from './search.repository.ts'
import { searchQuery } from './search.schema.ts'

export const searchRoutes = new Hono<AppEnv>().get(
  '/search',
  valid('query', searchQuery),
  async (c) => {
    const { q, limit } = c.req.valid('query')
    const tokens = queryTokens(q)
    // PGlite is one connection: the three queries run one after the other anyway.
    const places = tokens.length ? await searchPlaces(c.var.db, tokens, limit) : []
    const resources = tokens.length ? await searchResources(c.var.db, tokens, limit) : []
    const areas = tokens.length ? await searchAreas(c.var.db, tokens, limit) : []
    c.header('Cache-Control', 'no-store')
    return c.json({
      query: q,
      places: places.map((p) => ({ kind: 'place' as const, ...p })),
      resources: resources.map((r) => ({ kind: 'resource' as const, ...r })),
      areas: areas.map(({ rank: _rank, ...a }) => ({ kind: 'area' as const, ...a })),
    })
  },
)
