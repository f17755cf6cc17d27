// Maps and drawn features in the moderation spine (queue, actions, reports, personal export,
// erasure). A feature hidden by a moderator leaves the live streams at once for those reading
// the change log (feature.hidden, its earlier entries removed); restored, it comes back whole.
// Status changes arrive here inside the moderator's transaction; open streams see them at
// their next read (a heartbeat at most), since the moderation spine has no bus to wake them.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { ContentKind, ContentStatus } from '../moderation/content-kinds.ts'
import { forgetFeatureHistory, recordChange, scrubAuthorFromChanges } from './changes.repository.ts'
import {
  featuresByAuthor,
  featuresByIds,
  findFeature,
  forgetFeatureAuthor,
  pendingFeatures,
  setFeatureStatus,
} from './features.repository.ts'
import { toFeature, toFeatureQueueItem, toMapPublic, toMapQueueItem } from './maps.mapper.ts'
import {
  findMap,
  forgetMapOwner,
  lockMap,
  mapsByIds,
  mapsOwnedBy,
  pendingMaps,
  setMapStatus,
} from './maps.repository.ts'
import { isUuid } from '../uuid.ts'

const uuids = (ids: readonly string[]) => ids.filter(isUuid)

export const mapKind: ContentKind = {
  kind: 'map',
  listPending: async (db, q) => (await pendingMaps(db, q)).map(toMapQueueItem),
  describe: async (db, ids) => (await mapsByIds(db, uuids(ids))).map(toMapQueueItem),
  getStatus: async (db, id) => (isUuid(id) ? (await findMap(db, id))?.status : undefined),
  async setStatus(db, id, change) {
    if (!isUuid(id) || !(await lockMap(db, id))) return false
    if (!(await setMapStatus(db, id, change))) return false
    // Readers of the stream re-check their access on map.updated (a hidden map leaves them).
    await recordChange(db, {
      mapId: id,
      type: 'map.updated',
      payload: { map: toMapPublic((await findMap(db, id))!) },
    })
    return true
  },
  forgetAuthor: forgetMapOwner,
  exportFor: async (db, userId) => (await mapsOwnedBy(db, userId)).map(toMapPublic),
}

async function setFeature(
  db: Kysely<Database>,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
): Promise<boolean> {
  if (!isUuid(id)) return false
  const [row] = await featuresByIds(db, [id])
  if (!row || !(await lockMap(db, row.map_id))) return false
  if (!(await setFeatureStatus(db, id, change))) return false
  if (change.to === 'published') {
    const now = (await findFeature(db, row.map_id, id))!
    await recordChange(db, {
      mapId: row.map_id,
      type: 'feature.restored',
      payload: { feature: toFeature(now) },
      featureId: id,
    })
  } else if (row.status === 'published') {
    await forgetFeatureHistory(db, id)
    await recordChange(db, {
      mapId: row.map_id,
      type: 'feature.hidden',
      payload: { featureId: id },
      featureId: id,
    })
  }
  return true
}

export const mapFeatureKind: ContentKind = {
  kind: 'map_feature',
  listPending: async (db, q) => (await pendingFeatures(db, q)).map(toFeatureQueueItem),
  describe: async (db, ids) => (await featuresByIds(db, uuids(ids))).map(toFeatureQueueItem),
  getStatus: async (db, id) =>
    isUuid(id) ? (await featuresByIds(db, [id]))[0]?.status : undefined,
  setStatus: setFeature,
  async forgetAuthor(db, userId) {
    await scrubAuthorFromChanges(db, userId)
    return forgetFeatureAuthor(db, userId)
  },
  exportFor: async (db, userId) => (await featuresByAuthor(db, userId)).map(toFeature),
}
