// Places in the moderation spine (queue, actions, reports, personal export, erasure).
import type { ContentKind } from '../moderation/content-kinds.ts'
import { toPlaceFeature, toPlaceQueueItem } from './places.mapper.ts'
import { findPlace, pendingPlaces, placesByAuthor, placesByIds } from './places.repository.ts'
import { setContentStatus, forgetContentAuthor } from '../moderation/content-rows.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const placeKind: ContentKind = {
  kind: 'place',
  listPending: async (db, q) => (await pendingPlaces(db, q)).map(toPlaceQueueItem),
  describe: async (db, ids) =>
    (
      await placesByIds(
        db,
        ids.filter((id) => UUID.test(id)),
      )
    ).map(toPlaceQueueItem),
  getStatus: async (db, id) => (UUID.test(id) ? (await findPlace(db, id))?.status : undefined),
  setStatus: (db, id, change) =>
    UUID.test(id) ? setContentStatus(db, 'places', id, change) : Promise.resolve(false),
  forgetAuthor: (db, userId) => forgetContentAuthor(db, 'places', userId),
  exportFor: async (db, userId) =>
    (await placesByAuthor(db, userId)).map((r) => toPlaceFeature(r, userId)),
}
