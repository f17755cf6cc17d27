// Rows of map_photos: a row exists only for photos whose files are written.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { PhotoSummary } from './features.repository.ts'
import type { PhotoFormat } from './maps.table.ts'

type DB = Kysely<Database>

/** Photos per feature: a story, not an album. */
export const MAX_PHOTOS_PER_FEATURE = 20

export async function insertPhoto(
  db: DB,
  p: {
    id: string
    mapId: string
    featureId: string
    format: PhotoFormat
    width: number
    height: number
    bytes: number
    thumbWidth: number
    thumbHeight: number
    authorId: string | null
    participantId: string | null
  },
): Promise<PhotoSummary> {
  return db
    .insertInto('map_photos')
    .values({
      id: p.id,
      map_id: p.mapId,
      feature_id: p.featureId,
      format: p.format,
      width: p.width,
      height: p.height,
      bytes: p.bytes,
      thumb_width: p.thumbWidth,
      thumb_height: p.thumbHeight,
      author_id: p.authorId,
      participant_id: p.participantId,
    })
    .returning(['id', 'format', 'width', 'height', 'thumb_width', 'thumb_height'])
    .executeTakeFirstOrThrow()
}

export async function findPhoto(db: DB, mapId: string, photoId: string) {
  return db
    .selectFrom('map_photos as ph')
    .innerJoin('map_features as f', 'f.id', 'ph.feature_id')
    .select(['ph.id', 'ph.map_id', 'ph.feature_id', 'ph.format', 'f.status as feature_status'])
    .where('ph.map_id', '=', mapId)
    .where('ph.id', '=', photoId)
    .executeTakeFirst()
}

export async function countPhotos(db: DB, featureId: string): Promise<number> {
  const row = await db
    .selectFrom('map_photos')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('feature_id', '=', featureId)
    .executeTakeFirstOrThrow()
  return row.n
}

export async function photosOfFeature(db: DB, featureId: string) {
  return db
    .selectFrom('map_photos')
    .select(['id', 'format'])
    .where('feature_id', '=', featureId)
    .execute()
}

export async function deletePhoto(db: DB, photoId: string): Promise<boolean> {
  const r = await db.deleteFrom('map_photos').where('id', '=', photoId).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
