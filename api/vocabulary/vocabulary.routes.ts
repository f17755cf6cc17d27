import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { COMMENT_REACTIONS, PLACE_CATEGORIES, RESOURCE_THEMES } from './vocabulary.ts'

export const vocabularyRoutes = new Hono<AppEnv>().get('/vocabulary', (c) => {
  c.header('Cache-Control', 'public, max-age=3600')
  return c.json({
    placeCategories: PLACE_CATEGORIES,
    resourceThemes: RESOURCE_THEMES,
    commentReactions: COMMENT_REACTIONS,
  })
})
