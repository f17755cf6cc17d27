// Maps: every function takes `db` first (a Kysely instance or a transaction).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, geomFromGeoJSON, type GeoJSONGeometry } from '../db/geo.ts'
import type { ContentStatus } from '../moderation/content-kinds.ts'
import type { LegendSymbol, MapVisibility } from './maps.table.ts'

type DB = Kysely<Database>

export interface MapRow {
  id: string
  seq: string
  title: string
  description: string | null
  meeting_place: string | null
  meeting_point: GeoJSONGeometry | null
  met_on: string | null
  language: string
  visibility: MapVisibility
  legend: LegendSymbol[]
  status: ContentStatus
  owner_id: string | null
  join_code: string | null
  join_code_expires_at: Date | null
  link_active: boolean
  link_created_at: Date | null
  last_seq: string
  version: number
  created_at: Date
  updated_at: Date
  feature_count: number
  /** [minLon, minLat, maxLon, maxLat] of the published features, null when there are none. */
  extent: [number, number, number, number] | null
}

function base(db: DB) {
  return db.selectFrom('maps as m').select([
    'm.id',
    'm.seq',
    'm.title',
    'm.description',
    'm.meeting_place',
    sql<GeoJSONGeometry | null>`case when m.meeting_point is null then null
        else ${asGeoJSON(sql.ref('m.meeting_point'))} end`.as('meeting_point'),
    sql<string | null>`to_char(m.met_on, 'YYYY-MM-DD')`.as('met_on'),
    'm.language',
    'm.visibility',
    'm.legend',
    'm.status',
    'm.owner_id',
    'm.join_code',
    'm.join_code_expires_at',
    sql<boolean>`m.link_token_hash is not null`.as('link_active'),
    'm.link_created_at',
    'm.last_seq',
    'm.version',
    'm.created_at',
    'm.updated_at',
    sql<number>`(select count(*)::int from map_features f where f.map_id = m.id)`.as(
      'feature_count',
    ),
    sql<[number, number, number, number] | null>`(select case when e is null then null
        else json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) end
        from (select ST_Extent(f.geom)::geometry as e from map_features f
              where f.map_id = m.id and f.status = 'published') x)`.as('extent'),
  ])
}

export async function findMap(db: DB, id: string): Promise<MapRow | undefined> {
  return (await base(db).where('m.id', '=', id).executeTakeFirst()) as MapRow | undefined
}

/** What a write needs, with the map row locked until the transaction ends: every change to a
 * map and its features takes this lock, so changes get their sequence numbers in commit order
 * and the feature limit cannot be passed by two writers at once. */
export async function lockMap(db: DB, id: string) {
  return db
    .selectFrom('maps as m')
    .select([
      'm.id',
      'm.owner_id',
      'm.visibility',
      'm.status',
      'm.legend',
      sql<number>`(select count(*)::int from map_features f where f.map_id = m.id)`.as(
        'feature_count',
      ),
    ])
    .where('m.id', '=', id)
    .forUpdate('m')
    .executeTakeFirst()
}
export type LockedMap = NonNullable<Awaited<ReturnType<typeof lockMap>>>

export async function mapsByIds(db: DB, ids: readonly string[]): Promise<MapRow[]> {
  if (ids.length === 0) return []
  return (await base(db)
    .where('m.id', 'in', [...ids])
    .execute()) as MapRow[]
}

export interface NewMap {
  title: string
  description: string | null
  meetingPlace: string | null
  meetingPoint: object | null
  metOn: string | null
  language: string
  visibility: MapVisibility
  legend: LegendSymbol[]
  ownerId: string | null
}

export async function insertMap(db: DB, m: NewMap): Promise<string> {
  const row = await db
    .insertInto('maps')
    .values({
      title: m.title,
      description: m.description,
      meeting_place: m.meetingPlace,
      meeting_point: m.meetingPoint ? geomFromGeoJSON(m.meetingPoint) : null,
      met_on: m.metOn,
      language: m.language,
      visibility: m.visibility,
      legend: JSON.stringify(m.legend),
      owner_id: m.ownerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type MapChange = Omit<NewMap, 'ownerId'>

/** Applies the change if the map is still at `expected`; false when stale. */
export async function updateMap(
  db: DB,
  id: string,
  expected: number,
  m: MapChange,
): Promise<boolean> {
  const r = await db
    .updateTable('maps')
    .set({
      title: m.title,
      description: m.description,
      meeting_place: m.meetingPlace,
      meeting_point: m.meetingPoint ? geomFromGeoJSON(m.meetingPoint) : null,
      met_on: m.metOn,
      language: m.language,
      visibility: m.visibility,
      legend: JSON.stringify(m.legend),
      version: sql`version + 1`,
      updated_at: sql`clock_timestamp()`,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteMap(db: DB, id: string): Promise<boolean> {
  const r = await db.deleteFrom('maps').where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** The next change number of a map (call with the map row locked). */
export async function nextSeq(db: DB, mapId: string): Promise<string> {
  const row = await db
    .updateTable('maps')
    .set({ last_seq: sql<string>`last_seq + 1` })
    .where('id', '=', mapId)
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return String(row.last_seq)
}

/** Public, published maps only (never unlisted or private ones), newest first. */
export async function listPublicMaps(db: DB, q: { limit: number; cursor?: string | undefined }) {
  const listed = base(db).where('m.visibility', '=', 'public').where('m.status', '=', 'published')
  let page = listed
  if (q.cursor) page = page.where('m.seq', '<', q.cursor as never)
  const rows = (await page
    .orderBy('m.seq', 'desc')
    .limit(q.limit + 1)
    .execute()) as MapRow[]
  const total = await db
    .selectFrom('maps')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('visibility', '=', 'public')
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow()
  const more = rows.length > q.limit
  const shown = more ? rows.slice(0, q.limit) : rows
  return {
    rows: shown,
    nextSeq: more ? String(shown[shown.length - 1]!.seq) : null,
    numberMatched: total.n,
  }
}

export async function mapsOwnedBy(db: DB, userId: string): Promise<MapRow[]> {
  return (await base(db)
    .where('m.owner_id', '=', userId)
    .orderBy('m.seq', 'desc')
    .execute()) as MapRow[]
}

export async function pendingMaps(db: DB, q: { limit: number; before?: Date | undefined }) {
  let query = base(db).where('m.status', '=', 'pending')
  if (q.before) query = query.where('m.created_at', '<', q.before)
  return (await query.orderBy('m.seq', 'desc').limit(q.limit).execute()) as MapRow[]
}

export async function setMapStatus(
  db: DB,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
): Promise<boolean> {
  const r = await db
    .updateTable('maps')
    .set({ status: change.to, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function forgetMapOwner(db: DB, userId: string): Promise<number> {
  const r = await db
    .updateTable('maps')
    .set({ owner_id: null })
    .where('owner_id', '=', userId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

// Joining: the code shown on screen and the invitation link.

export async function setJoinCode(db: DB, id: string, code: string, expiresAt: Date) {
  await db
    .updateTable('maps')
    .set({ join_code: code, join_code_expires_at: expiresAt })
    .where('id', '=', id)
    .execute()
}

/** Codes past their time are released, so the alphabet's space stays free for new ones. */
export async function releaseExpiredCodes(db: DB) {
  await db
    .updateTable('maps')
    .set({ join_code: null, join_code_expires_at: null })
    .where('join_code_expires_at', '<', sql<Date>`now()`)
    .execute()
}

export async function clearJoinCode(db: DB, id: string) {
  await db
    .updateTable('maps')
    .set({ join_code: null, join_code_expires_at: null })
    .where('id', '=', id)
    .execute()
}

export async function setLinkToken(db: DB, id: string, tokenHash: string | null) {
  await db
    .updateTable('maps')
    .set({
      link_token_hash: tokenHash,
      link_created_at: tokenHash ? sql<Date>`clock_timestamp()` : null,
    })
    .where('id', '=', id)
    .execute()
}

/** The map a live code or link opens, if any. */
export async function findMapToJoin(
  db: DB,
  by: { code: string } | { tokenHash: string },
): Promise<MapRow | undefined> {
  let q = base(db)
  q =
    'code' in by
      ? q.where('m.join_code', '=', by.code).where('m.join_code_expires_at', '>', sql<Date>`now()`)
      : q.where('m.link_token_hash', '=', by.tokenHash)
  return (await q.executeTakeFirst()) as MapRow | undefined
}
