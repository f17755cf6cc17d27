// Comments in the moderation spine (queue, actions, reports, personal export, erasure).
import type { ContentKind } from '../moderation/content-kinds.ts'
import { toComment, toCommentQueueItem } from './comments.mapper.ts'
import {
  commentsByAuthor,
  commentsByIds,
  findComment,
  forgetCommentAuthor,
  pendingComments,
  setCommentStatus,
} from './comments.repository.ts'
import { isUuid } from '../uuid.ts'

export const commentKind: ContentKind = {
  kind: 'comment',
  listPending: async (db, q) => (await pendingComments(db, q)).map(toCommentQueueItem),
  describe: async (db, ids) =>
    (await commentsByIds(db, ids.filter(isUuid))).map(toCommentQueueItem),
  getStatus: async (db, id) => (isUuid(id) ? (await findComment(db, id))?.status : undefined),
  setStatus: (db, id, change) =>
    isUuid(id) ? setCommentStatus(db, id, change) : Promise.resolve(false),
  forgetAuthor: forgetCommentAuthor,
  exportFor: async (db, userId) =>
    (await commentsByAuthor(db, userId)).map((r) => toComment(r, userId)),
}
