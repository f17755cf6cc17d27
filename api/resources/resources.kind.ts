// Resources in the moderation spine (queue, actions, reports, personal export, erasure).
import type { ContentKind } from '../moderation/content-kinds.ts'
import { toResourceFeature, toResourceQueueItem } from './resources.mapper.ts'
import {
  findResource,
  pendingResources,
  resourcesByAuthor,
  resourcesByIds,
} from './resources.repository.ts'
import { setContentStatus, forgetContentAuthor } from '../moderation/content-rows.ts'
import { isUuid } from '../uuid.ts'

export const resourceKind: ContentKind = {
  kind: 'resource',
  listPending: async (db, q) => (await pendingResources(db, q)).map(toResourceQueueItem),
  describe: async (db, ids) =>
    (await resourcesByIds(db, ids.filter(isUuid))).map(toResourceQueueItem),
  getStatus: async (db, id) => (isUuid(id) ? (await findResource(db, id))?.status : undefined),
  setStatus: (db, id, change) =>
    isUuid(id) ? setContentStatus(db, 'resources', id, change) : Promise.resolve(false),
  forgetAuthor: (db, userId) => forgetContentAuthor(db, 'resources', userId),
  exportFor: async (db, userId) =>
    (await resourcesByAuthor(db, userId)).map((r) => toResourceFeature(r, userId)),
}
