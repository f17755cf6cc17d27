// Drawn features of a map. Geometry crosses the SQL boundary as GeoJSON (api/db/geo.ts).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, geomFromGeoJSON, type GeoJSONGeometry } from '../db/geo.ts'
import type { Geometry } from '../geo/guard.ts'
import type { ContentStatus } from '../moderation/content-kinds.ts'
import type { FeatureKind, PhotoFormat } from './maps.table.ts'

type DB = Kysely<Database>

export interface PhotoSummary {
  id: string
  format: PhotoFormat
  width: number
  height: number
  thumb_width: number
  thumb_height: number
}

export interface FeatureRow {
  id: string
  seq: string
  map_id: string
  kind: FeatureKind
  mode: string | null
  symbol: string
  title: string | null
  note: string | null
  story: string | null
  geometry: GeoJSONGeometry
  status: ContentStatus
  author_id: string | null
  author_name: string | null
  participant_id: string | null
  participant_pseudonym: string | null
  version: number
  created_at: Date
  updated_at: Date
  photos: PhotoSummary[]
  map_title: string
}

function base(db: DB) {
  return db
    .selectFrom('map_features as f')
    .innerJoin('maps as m', 'm.id', 'f.map_id')
    .leftJoin('users as u', 'u.id', 'f.author_id')
    .leftJoin('map_participants as p', 'p.id', 'f.participant_id')
    .select([
      'f.id',
      'f.seq',
      'f.map_id',
      'f.kind',
      'f.mode',
      'f.symbol',
      'f.title',
      'f.note',
      'f.story',
      asGeoJSON(sql.ref('f.geom')).as('geometry'),
      'f.status',
      'f.author_id',
      'u.display_name as author_name',
      'f.participant_id',
      'p.pseudonym as participant_pseudonym',
      'f.version',
      'f.created_at',
      'f.updated_at',
      'm.title as map_title',
      sql<PhotoSummary[]>`coalesce((select json_agg(json_build_object(
          'id', ph.id, 'format', ph.format, 'width', ph.width, 'height', ph.height,
          'thumb_width', ph.thumb_width, 'thumb_height', ph.thumb_height)
          order by ph.created_at, ph.id)
        from map_photos ph where ph.feature_id = f.id), '[]'::json)`.as('photos'),
    ])
}

export async function findFeature(
  db: DB,
  mapId: string,
  id: string,
): Promise<FeatureRow | undefined> {
  return (await base(db)
    .where('f.map_id', '=', mapId)
    .where('f.id', '=', id)
    .executeTakeFirst()) as FeatureRow | undefined
}

/** By id whatever the map (the moderation spine knows only ids). */
export async function featuresByIds(db: DB, ids: readonly string[]): Promise<FeatureRow[]> {
  if (ids.length === 0) return []
  return (await base(db)
    .where('f.id', 'in', [...ids])
    .execute()) as FeatureRow[]
}

/** A map's features in drawing order; hidden and rejected ones only when asked. */
export async function listFeatures(
  db: DB,
  mapId: string,
  opts: { allStatuses: boolean },
): Promise<FeatureRow[]> {
  let q = base(db).where('f.map_id', '=', mapId)
  if (!opts.allStatuses) q = q.where('f.status', '=', 'published')
  return (await q.orderBy('f.seq').execute()) as FeatureRow[]
}

export interface FeatureValues {
  kind: FeatureKind
  mode: string | null
  symbol: string
  title: string | null
  note: string | null
  story: string | null
  geometry: Geometry
}

export async function insertFeature(
  db: DB,
  f: FeatureValues & { mapId: string; authorId: string | null; participantId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('map_features')
    .values({
      map_id: f.mapId,
      kind: f.kind,
      mode: f.mode,
      symbol: f.symbol,
      title: f.title,
      note: f.note,
      story: f.story,
      geom: geomFromGeoJSON(f.geometry),
      author_id: f.authorId,
      participant_id: f.participantId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Applies the change only if the feature is still at `expected` (one conditional UPDATE, so
 * two concurrent edits of one version cannot both win). */
export async function updateFeature(
  db: DB,
  id: string,
  expected: number,
  f: FeatureValues,
): Promise<boolean> {
  const r = await db
    .updateTable('map_features')
    .set({
      kind: f.kind,
      mode: f.mode,
      symbol: f.symbol,
      title: f.title,
      note: f.note,
      story: f.story,
      geom: geomFromGeoJSON(f.geometry),
      version: sql`version + 1`,
      updated_at: sql`clock_timestamp()`,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteFeature(db: DB, id: string, expected: number): Promise<boolean> {
  const r = await db
    .deleteFrom('map_features')
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** How many features of the map use each of these symbols with a kind outside `kinds`. */
export async function symbolUse(db: DB, mapId: string) {
  return db
    .selectFrom('map_features')
    .select(['symbol', 'kind', sql<number>`count(*)::int`.as('n')])
    .where('map_id', '=', mapId)
    .groupBy(['symbol', 'kind'])
    .execute()
}

export async function pendingFeatures(db: DB, q: { limit: number; before?: Date | undefined }) {
  let query = base(db).where('f.status', '=', 'pending')
  if (q.before) query = query.where('f.created_at', '<', q.before)
  return (await query.orderBy('f.seq', 'desc').limit(q.limit).execute()) as FeatureRow[]
}

export async function setFeatureStatus(
  db: DB,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
) {
  return db
    .updateTable('map_features')
    .set({ status: change.to, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .returning(['map_id'])
    .executeTakeFirst()
}

export async function featuresByAuthor(db: DB, userId: string): Promise<FeatureRow[]> {
  return (await base(db).where('f.author_id', '=', userId).execute()) as FeatureRow[]
}

export async function forgetFeatureAuthor(db: DB, userId: string): Promise<number> {
  const r = await db
    .updateTable('map_features')
    .set({ author_id: null })
    .where('author_id', '=', userId)
    .executeTakeFirst()
  await db
    .updateTable('map_photos')
    .set({ author_id: null })
    .where('author_id', '=', userId)
    .execute()
  return Number(r.numUpdatedRows)
}
