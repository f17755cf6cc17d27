// GET /api/me/contributions: what the signed-in person has contributed — places, comments and
// resources — in every status (pending, published, hidden, rejected), newest first, so they can
// follow moderation and edit their own. Other people's items never appear here.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { unauthenticated } from '../auth/authorize.middleware.ts'
import { toComment } from '../comments/comments.mapper.ts'
import { commentsByAuthor } from '../comments/comments.repository.ts'
import { toPlaceFeature } from '../places/places.mapper.ts'
import { placesByAuthor } from '../places/places.repository.ts'
import { toResourceFeature } from '../resources/resources.mapper.ts'
import { resourcesByAuthor } from '../resources/resources.repository.ts'

const newestFirst = <T extends { created_at: Date }>(rows: T[]) =>
  rows.sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())

export const contributionsRoutes = new Hono<AppEnv>().get('/me/contributions', async (c) => {
  const user = c.var.user
  if (!user) throw unauthenticated()
  const db = c.var.db
  const [places, comments, resources] = await Promise.all([
    placesByAuthor(db, user.id),
    commentsByAuthor(db, user.id),
    resourcesByAuthor(db, user.id),
  ])
  c.header('Cache-Control', 'no-store')
  return c.json({
    places: {
      type: 'FeatureCollection',
      features: newestFirst(places).map((r) => toPlaceFeature(r, user.id)),
    },
    // The title of what each comment is on, so the list reads without opening each target.
    comments: newestFirst(comments).map((r) => ({
      ...toComment(r, user.id),
      targetTitle: r.target_title,
    })),
    resources: {
      type: 'FeatureCollection',
      features: newestFirst(resources).map((r) => toResourceFeature(r, user.id)),
    },
  })
})
