import type { QueueItem } from '../moderation/content-kinds.ts'
import { authorOf } from '../places/places.mapper.ts'
import type { CommentRow } from './comments.repository.ts'

const iso = (d: Date | string) => new Date(d).toISOString()

export function targetOf(r: CommentRow) {
  if (r.place_id) return { kind: 'place' as const, id: r.place_id }
  if (r.resource_id) return { kind: 'resource' as const, id: r.resource_id }
  if (r.map_id) return { kind: 'map' as const, id: r.map_id }
  // A drawing's comment also names the map the drawing is on.
  return { kind: 'map_feature' as const, id: r.map_feature_id!, mapId: r.feature_map_id }
}

export function toComment(r: CommentRow, viewerId: string | null) {
  return {
    id: r.id,
    target: targetOf(r),
    parentId: r.parent_id,
    text: r.body,
    reaction: r.reaction,
    status: r.status,
    author: authorOf(r),
    own: viewerId !== null && r.author_id === viewerId,
    createdAt: iso(r.created_at),
  }
}

export function commentAuditSnapshot(r: CommentRow) {
  return { target: targetOf(r), parentId: r.parent_id, status: r.status, reaction: r.reaction }
}

export function toCommentQueueItem(r: CommentRow): QueueItem {
  return {
    kind: 'comment',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.body.slice(0, 60),
    excerpt: r.body.slice(0, 280),
    author: { id: r.author_id, displayName: r.author_name, pseudonym: r.pseudonym },
    context: { on: { ...targetOf(r), title: r.target_title }, parentId: r.parent_id },
  }
}
