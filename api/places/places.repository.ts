// Places: SQL through Kysely, geometry as GeoJSON parameters (api/db/geo.ts).
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, geomFromGeoJSON } from '../db/geo.ts'
import type { Page } from '../geo/feature-list.ts'
import type { Position } from '../geo/guard.ts'
import { containsPattern, foldText } from '../geo/search-text.ts'
import type { ContentStatus } from '../moderation/content-kinds.ts'

type DB = Kysely<Database>

export interface PlaceRow {
  id: string
  seq: string
  category: string
  name: string
  description: string | null
  story: string | null
  address: string | null
  geometry: { type: 'Point'; coordinates: Position }
  status: ContentStatus
  author_id: string | null
  author_name: string | null
  pseudonym: string | null
  version: number
  created_at: Date
  updated_at: Date
}

/** Who is looking: decides which statuses a list or a read can see. */
export type Viewer =
  { kind: 'visitor' } | { kind: 'user'; userId: string } | { kind: 'moderator'; userId: string }

export interface PlaceFilter {
  viewer: Viewer
  bbox?: [number, number, number, number] | undefined
  category?: string[] | undefined
  q?: string | undefined
  status?: ContentStatus | undefined
}

function base(db: DB) {
  return db
    .selectFrom('places as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .select([
      'p.id',
      'p.seq',
      'p.category',
      'p.name',
      'p.description',
      'p.story',
      'p.address',
      'p.status',
      'p.author_id',
      'u.display_name as author_name',
      'p.pseudonym',
      'p.version',
      'p.created_at',
      'p.updated_at',
      asGeoJSON(sql.ref('p.geom')).as('geometry'),
    ])
}

/** Visitors: published. Users: published, or their own in any status. Moderators: all.
 * With a status filter, users other than moderators see only their own non-published items. */
function visible(f: PlaceFilter) {
  return sql<SqlBool>`${
    f.viewer.kind === 'moderator'
      ? sql`true`
      : f.viewer.kind === 'user'
        ? sql`(p.status = 'published' or p.author_id = ${f.viewer.userId})`
        : sql`p.status = 'published'`
  }`
}

function where(f: PlaceFilter) {
  const parts = [visible(f)]
  if (f.status) parts.push(sql<SqlBool>`p.status = ${f.status}`)
  if (f.bbox) {
    const [w, s, e, n] = f.bbox
    parts.push(sql<SqlBool>`p.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`)
  }
  if (f.category?.length) parts.push(sql<SqlBool>`p.category in (${sql.join(f.category)})`)
  if (f.q?.trim()) parts.push(sql<SqlBool>`p.search_text like ${containsPattern(f.q)}`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

export function listPlacesQueries(
  db: DB,
  f: PlaceFilter & { limit: number; cursor?: string | undefined },
) {
  const filter = where(f)
  let rows = base(db).where(filter)
  if (f.cursor) rows = rows.where('p.seq', '<', f.cursor as never)
  return {
    rows: rows.orderBy('p.seq', 'desc').limit(f.limit + 1),
    count: db
      .selectFrom('places as p')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(filter),
  }
}

export async function listPlaces(
  db: DB,
  f: PlaceFilter & { limit: number; cursor?: string | undefined },
): Promise<Page<PlaceRow>> {
  const q = listPlacesQueries(db, f)
  const [rows, count] = await Promise.all([q.rows.execute(), q.count.executeTakeFirstOrThrow()])
  const more = rows.length > f.limit
  const page = (more ? rows.slice(0, f.limit) : rows) as PlaceRow[]
  return {
    rows: page,
    nextSeq: more ? String(page[page.length - 1]!.seq) : null,
    numberMatched: count.n,
  }
}

export async function findPlace(db: DB, id: string): Promise<PlaceRow | undefined> {
  return (await base(db).where('p.id', '=', id).executeTakeFirst()) as PlaceRow | undefined
}

/** Every published place, oldest first, for the exports. */
export async function publishedPlaces(db: DB): Promise<PlaceRow[]> {
  return (await base(db)
    .where('p.status', '=', 'published')
    .orderBy('p.seq', 'asc')
    .execute()) as PlaceRow[]
}

export interface PlaceInput {
  category: string
  name: string
  description?: string | null | undefined
  story?: string | null | undefined
  address?: string | null | undefined
  geometry: { type: 'Point'; coordinates: Position }
}

export async function insertPlace(
  db: DB,
  p: PlaceInput & { status: ContentStatus; authorId: string | null; pseudonym: string | null },
): Promise<string> {
  const row = await db
    .insertInto('places')
    .values({
      category: p.category,
      name: p.name,
      description: p.description ?? null,
      story: p.story ?? null,
      address: p.address ?? null,
      geom: geomFromGeoJSON(p.geometry),
      status: p.status,
      author_id: p.authorId,
      pseudonym: p.pseudonym,
      search_text: foldText(p.name, p.description),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Applies the change if the row is still at `version`; false when it moved on meanwhile. */
export async function updatePlace(
  db: DB,
  id: string,
  version: number,
  merged: PlaceInput,
): Promise<boolean> {
  const r = await db
    .updateTable('places')
    .set({
      category: merged.category,
      name: merged.name,
      description: merged.description ?? null,
      story: merged.story ?? null,
      address: merged.address ?? null,
      geom: geomFromGeoJSON(merged.geometry),
      search_text: foldText(merged.name, merged.description),
      version: sql`version + 1`,
      updated_at: sql`clock_timestamp()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function setPlaceStatus(
  db: DB,
  id: string,
  change: { from: readonly ContentStatus[]; to: ContentStatus },
): Promise<boolean> {
  const r = await db
    .updateTable('places')
    .set({ status: change.to, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deletePlace(db: DB, id: string): Promise<boolean> {
  const r = await db.deleteFrom('places').where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function pendingPlaces(db: DB, q: { limit: number; before?: Date | undefined }) {
  let query = base(db).where('p.status', '=', 'pending')
  if (q.before) query = query.where('p.created_at', '<', q.before)
  return (await query.orderBy('p.seq', 'desc').limit(q.limit).execute()) as PlaceRow[]
}

export async function placesByIds(db: DB, ids: readonly string[]) {
  if (ids.length === 0) return []
  return (await base(db)
    .where('p.id', 'in', [...ids])
    .execute()) as PlaceRow[]
}

export async function placesByAuthor(db: DB, userId: string) {
  return (await base(db).where('p.author_id', '=', userId).execute()) as PlaceRow[]
}

export async function forgetPlaceAuthor(db: DB, userId: string): Promise<number> {
  const r = await db
    .updateTable('places')
    .set({ author_id: null })
    .where('author_id', '=', userId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
