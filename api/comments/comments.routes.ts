// /api/comments: comments on places, resources, unconventional maps and their drawings, one
// level of replies, an optional reaction.
// Visitors comment under a pseudonym (pending until a moderator approves); residents publish
// directly unless moderators turned that off. Reports and moderation go through the shared
// spine (the "comment" content kind).
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr } from '../auth/authorize.middleware.ts'
import { ApiError, notFound } from '../errors.ts'
import { encodeCursor } from '../geo/feature-list.ts'
import { idempotent } from '../idempotency/idempotency.middleware.ts'
import { isHoneypotFilled, requirePseudonym } from '../moderation/anonymous.ts'
import {
  lockCommentedMap,
  mapCommentTarget,
  publishesDirectly,
  recordCommentChange,
  type MapCommentTarget,
} from '../maps/comment-target.ts'
import { initialStatus } from '../moderation/publication.ts'
import { viewerOf } from '../places/places.routes.ts'
import type { Viewer } from '../places/places.repository.ts'
import { valid } from '../validate.ts'
import { commentAuditSnapshot, targetOf, toComment } from './comments.mapper.ts'
import {
  deleteComment,
  findComment,
  findTarget,
  insertComment,
  listComments,
} from './comments.repository.ts'
import {
  commentIdParam,
  createCommentBody,
  listCommentsQuery,
  type TargetKind,
} from './comments.schema.ts'

function sees(viewer: Viewer, row: { status: string; author_id: string | null }) {
  if (row.status === 'published' || viewer.kind === 'moderator') return true
  return viewer.kind === 'user' && row.author_id === viewer.userId
}

/** Whether the caller can see the target (otherwise it reads as not there); for a map or a
 * drawing, also the caller's place in the map's group. */
async function visibleTarget(
  c: Context<AppEnv>,
  kind: TargetKind,
  id: string,
  field: string,
): Promise<{ map?: MapCommentTarget }> {
  const missing = () =>
    new ApiError(404, 'not_found', `No ${kind} with this id`, [
      { field, message: `no ${kind} with this id` },
    ])
  if (kind === 'map' || kind === 'map_feature') {
    const map = await mapCommentTarget(c, kind, id)
    if (!map) throw missing()
    return { map }
  }
  const target = await findTarget(c.var.db, kind, id)
  if (!target || !sees(viewerOf(c), target)) throw missing()
  return {}
}

export const commentsRoutes = new Hono<AppEnv>()
  .get('/comments', valid('query', listCommentsQuery), async (c) => {
    const q = c.req.valid('query')
    await visibleTarget(c, q.targetKind, q.targetId, 'targetId')
    const page = await listComments(c.var.db, {
      kind: q.targetKind,
      id: q.targetId,
      viewer: viewerOf(c),
      limit: q.limit,
      cursor: q.cursor,
    })
    let next: string | null = null
    if (page.nextSeq) {
      const url = new URL(c.req.url)
      url.searchParams.set('cursor', encodeCursor(page.nextSeq))
      next = url.pathname + url.search
    }
    c.header('Cache-Control', 'no-store')
    const me = c.var.user?.id ?? null
    return c.json({ items: page.rows.map((r) => toComment(r, me)), next })
  })
  .post('/comments', idempotent, valid('json', createCommentBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.var.user
    if (isHoneypotFilled(body)) return c.json({ status: 'pending' }, 202)
    const { map } = await visibleTarget(c, body.target.kind, body.target.id, 'target.id')
    // A map's participant signs with the pseudonym they joined with.
    const participant = user ? null : (map?.access.participant ?? null)
    const pseudonym = participant ? participant.pseudonym : requirePseudonym(user, body.pseudonym)
    if (body.parentId) {
      const parent = await findComment(c.var.db, body.parentId)
      const t = parent && targetOf(parent)
      if (
        !parent ||
        !sees(viewerOf(c), parent) ||
        t!.kind !== body.target.kind ||
        t!.id !== body.target.id
      ) {
        throw new ApiError(404, 'not_found', 'No comment to reply to on this target', [
          { field: 'parentId', message: 'no such comment on this target' },
        ])
      }
      if (parent.parent_id !== null) {
        throw new ApiError(
          422,
          'reply_depth',
          'Replies go one level deep: reply to the first comment',
          [{ field: 'parentId', message: 'is itself a reply' }],
        )
      }
    }
    const row = await c.var.db.transaction().execute(async (tx) => {
      if (map) await lockCommentedMap(tx, map)
      const status = map && publishesDirectly(map) ? 'published' : await initialStatus(tx, user)
      const id = await insertComment(tx, {
        kind: body.target.kind,
        targetId: body.target.id,
        parentId: body.parentId ?? null,
        body: body.text,
        reaction: body.reaction ?? null,
        status,
        authorId: user?.id ?? null,
        pseudonym,
        mapParticipantId: participant?.id ?? null,
      })
      const created = (await findComment(tx, id))!
      if (map && status === 'published') {
        await recordCommentChange(tx, map, {
          id,
          target: targetOf(created),
          parentId: created.parent_id,
        })
      }
      await audit(tx, {
        actor: actorOf(c),
        action: 'comment.create',
        target: { kind: 'comment', id },
        after: commentAuditSnapshot(created),
      })
      return created
    })
    if (map) c.var.mapEvents.publish(map.mapId)
    c.header('Location', `/api/comments/${row.id}`)
    return c.json(toComment(row, user?.id ?? null), 201)
  })
  .delete('/comments/:id', valid('param', commentIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const current = await findComment(c.var.db, id)
    if (!current || !sees(viewerOf(c), current)) throw notFound('No comment with this id')
    assertOwnerOr(c, current.author_id)
    // Published comments are hidden by moderators, not deleted by their authors.
    if (viewerOf(c).kind !== 'moderator' && !['pending', 'rejected'].includes(current.status)) {
      throw new ApiError(
        409,
        'published_content',
        'This comment is public: ask a moderator to hide it',
      )
    }
    await c.var.db.transaction().execute(async (tx) => {
      if (!(await deleteComment(tx, id))) throw notFound('No comment with this id')
      await audit(tx, {
        actor: actorOf(c),
        action: 'comment.delete',
        target: { kind: 'comment', id },
        before: commentAuditSnapshot(current),
      })
    })
    return c.body(null, 204)
  })
