// Places in the moderation spine (queue, actions, reports, personal export, erasure).
import type { ContentKind } from '../moderation/content-kinds.ts'
import { toPlaceFeature, toPlaceQueueItem } from './places.mapper.ts'
import { findPlace, pendingPlaces, placesByAuthor, placesByIds } from './places.repository.ts'
import { setContentStatus, forgetContentAuthor } from '../moderation/content-rows.ts'
import { isUuid } from '../uuid.ts'

export const placeKind: ContentKind = {
  kind: 'place',
  listPending: async (db, q) => (await pendingPlaces(db, q)).map(toPlaceQueueItem),
  describe: async (db, ids) => (await placesByIds(db, ids.filter(isUuid))).map(toPlaceQueueItem),
  getStatus: async (db, id) => (isUuid(id) ? (await findPlace(db, id))?.status : undefined),
  setStatus: (db, id, change) =>
    isUuid(id) ? setContentStatus(db, 'places', id, change) : Promise.resolve(false),
  forgetAuthor: (db, userId) => forgetContentAuthor(db, 'places', userId),
  exportFor: async (db, userId) =>
    (await placesByAuthor(db, userId)).map((r) => toPlaceFeature(r, userId)),
}
