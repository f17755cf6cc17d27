// Resources in the moderation spine (queue, actions, reports, personal export, erasure).
import type { ContentKind } from '../moderation/content-kinds.ts'
import { toResourceFeature, toResourceQueueItem } from './resources.mapper.ts'
import {
  findResource,
  forgetResourceAuthor,
  pendingResources,
  resourcesByAuthor,
  resourcesByIds,
  setResourceStatus,
} from './resources.repository.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const resourceKind: ContentKind = {
  kind: 'resource',
  listPending: async (db, q) => (await pendingResources(db, q)).map(toResourceQueueItem),
  describe: async (db, ids) =>
    (
      await resourcesByIds(
        db,
        ids.filter((id) => UUID.test(id)),
      )
    ).map(toResourceQueueItem),
  getStatus: async (db, id) => (UUID.test(id) ? (await findResource(db, id))?.status : undefined),
  setStatus: (db, id, change) =>
    UUID.test(id) ? setResourceStatus(db, id, change) : Promise.resolve(false),
  forgetAuthor: forgetResourceAuthor,
  exportFor: async (db, userId) =>
    (await resourcesByAuthor(db, userId)).map((r) => toResourceFeature(r, userId)),
}
