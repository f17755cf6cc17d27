// Places: SQL through Kysely, geometry as GeoJSON parameters (api/db/geo.ts).
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, bbox, geomFromGeoJSON, intersectsBbox } from '../db/geo.ts'
import type { Page, SeqWindow, TimeWindow } from '../geo/feature-list.ts'
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
  /** The import it came from ('demo' for the demo content), null when made in the app. */
  source: string | null
  /** The licence line of imported open data (e.g. "© OpenStreetMap contributors, ODbL"). */
  attribution: string | null
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
  /** Last change (updated_at) within this window. */
  updated?: TimeWindow | undefined
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
      'p.source',
      'p.attribution',
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
  if (f.bbox) parts.push(intersectsBbox(sql.ref('p.geom'), f.bbox))
  if (f.updated?.from) parts.push(sql<SqlBool>`p.updated_at >= ${f.updated.from}`)
  if (f.updated?.until) parts.push(sql<SqlBool>`p.updated_at < ${f.updated.until}`)
  if (f.category?.length) parts.push(sql<SqlBool>`p.category in (${sql.join(f.category)})`)
  if (f.q?.trim()) parts.push(sql<SqlBool>`p.search_text like ${containsPattern(f.q)}`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

export function listPlacesQueries(db: DB, f: PlaceFilter & SeqWindow) {
  const filter = where(f)
  let rows = base(db).where(filter)
  if (f.cursor) rows = rows.where('p.seq', '<', f.cursor as never)
  if (f.newerThan) rows = rows.where('p.seq', '>', f.newerThan as never)
  return {
    rows: rows.orderBy('p.seq', f.newerThan ? 'asc' : 'desc').limit(f.limit + 1),
    count: db
      .selectFrom('places as p')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(filter),
  }
}

export async function listPlaces(db: DB, f: PlaceFilter & SeqWindow): Promise<Page<PlaceRow>> {
  const q = listPlacesQueries(db, f)
  const [rows, count] = await Promise.all([q.rows.execute(), q.count.executeTakeFirstOrThrow()])
  const more = rows.length > f.limit
  const page = (more ? rows.slice(0, f.limit) : rows) as PlaceRow[]
  if (f.newerThan) {
    page.reverse()
    return {
      rows: page,
      // Read backwards from a later page: the rows older than this one are that page's.
      nextSeq: page.length ? String(page[page.length - 1]!.seq) : null,
      prevSeq: more ? String(page[0]!.seq) : null,
      numberMatched: count.n,
    }
  }
  return {
    rows: page,
    nextSeq: more ? String(page[page.length - 1]!.seq) : null,
    numberMatched: count.n,
  }
}

export async function findPlace(db: DB, id: string): Promise<PlaceRow | undefined> {
  return (await base(db).where('p.id', '=', id).executeTakeFirst()) as PlaceRow | undefined
}

/** Where and when the published places are: their bounding box and the span of their last
 * changes (all null when there is none), for collection metadata (OGC API – Features). */
export async function publishedPlacesExtent(db: DB) {
  return db
    .selectFrom('places as p')
    .where('p.status', '=', 'published')
    .select([
      bbox(sql`ST_Extent(p.geom)`).as('bbox'),
      sql<Date | null>`min(p.updated_at)`.as('first'),
      sql<Date | null>`max(p.updated_at)`.as('last'),
    ])
    .executeTakeFirstOrThrow()
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
