// Resources: SQL through Kysely, geometry as GeoJSON parameters (api/db/geo.ts).
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, bbox, geomFromGeoJSON, intersectsBbox, multiFromGeoJSON } from '../db/geo.ts'
import type { Page, SeqWindow, TimeWindow } from '../geo/feature-list.ts'
import type { Geometry, Position } from '../geo/guard.ts'
import { containsPattern, foldText } from '../geo/search-text.ts'
import type { ContentStatus } from '../moderation/content-kinds.ts'
import type { Viewer } from '../places/places.repository.ts'

type DB = Kysely<Database>

export interface ScheduleEntry {
  byday: string
  opensAt: string
  closesAt: string
  description?: string | undefined
}

export interface ResourceRow {
  id: string
  seq: string
  name: string
  description: string | null
  themes: string[]
  organization_name: string | null
  email: string | null
  phone: string | null
  url: string | null
  schedule: ScheduleEntry[]
  eligibility_description: string | null
  languages: string[]
  accessibility: string | null
  address: string | null
  geometry: { type: 'Point'; coordinates: Position }
  service_area: Geometry | null
  assured_date: string | null
  /** The import it came from ('demo' for the demo content), null when made in the app. */
  source: string | null
  /** The licence line of imported open data. */
  attribution: string | null
  status: ContentStatus
  author_id: string | null
  author_name: string | null
  version: number
  created_at: Date
  updated_at: Date
}

export interface ResourceFilter {
  viewer: Viewer
  bbox?: [number, number, number, number] | undefined
  theme?: string[] | undefined
  q?: string | undefined
  status?: ContentStatus | undefined
  /** Last change (updated_at) within this window. */
  updated?: TimeWindow | undefined
}

function base(db: DB) {
  return db
    .selectFrom('resources as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select([
      'r.id',
      'r.seq',
      'r.name',
      'r.description',
      'r.themes',
      'r.organization_name',
      'r.email',
      'r.phone',
      'r.url',
      'r.schedule',
      'r.eligibility_description',
      'r.languages',
      'r.accessibility',
      'r.address',
      asGeoJSON(sql.ref('r.geom')).as('geometry'),
      asGeoJSON(sql.ref('r.service_area')).as('service_area'),
      sql<string | null>`to_char(r.assured_date, 'YYYY-MM-DD')`.as('assured_date'),
      'r.source',
      'r.attribution',
      'r.status',
      'r.author_id',
      'u.display_name as author_name',
      'r.version',
      'r.created_at',
      'r.updated_at',
    ])
}

function where(f: ResourceFilter) {
  const parts = [
    f.viewer.kind === 'moderator'
      ? sql<SqlBool>`true`
      : f.viewer.kind === 'user'
        ? sql<SqlBool>`(r.status = 'published' or r.author_id = ${f.viewer.userId})`
        : sql<SqlBool>`r.status = 'published'`,
  ]
  if (f.status) parts.push(sql<SqlBool>`r.status = ${f.status}`)
  if (f.bbox) parts.push(intersectsBbox(sql.ref('r.geom'), f.bbox))
  if (f.updated?.from) parts.push(sql<SqlBool>`r.updated_at >= ${f.updated.from}`)
  if (f.updated?.until) parts.push(sql<SqlBool>`r.updated_at < ${f.updated.until}`)
  if (f.theme?.length) parts.push(sql<SqlBool>`r.themes && ${sql.val(f.theme)}::text[]`)
  if (f.q?.trim()) parts.push(sql<SqlBool>`r.search_text like ${containsPattern(f.q)}`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

export async function listResources(
  db: DB,
  f: ResourceFilter & SeqWindow,
): Promise<Page<ResourceRow>> {
  const filter = where(f)
  let rows = base(db).where(filter)
  if (f.cursor) rows = rows.where('r.seq', '<', f.cursor as never)
  if (f.newerThan) rows = rows.where('r.seq', '>', f.newerThan as never)
  const [found, count] = await Promise.all([
    rows
      .orderBy('r.seq', f.newerThan ? 'asc' : 'desc')
      .limit(f.limit + 1)
      .execute(),
    db
      .selectFrom('resources as r')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
  ])
  const more = found.length > f.limit
  const page = (more ? found.slice(0, f.limit) : found) as ResourceRow[]
  if (f.newerThan) {
    page.reverse()
    return {
      rows: page,
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

export async function findResource(db: DB, id: string): Promise<ResourceRow | undefined> {
  return (await base(db).where('r.id', '=', id).executeTakeFirst()) as ResourceRow | undefined
}

/** Bounding box and span of last changes of the published resources (null when none). */
export async function publishedResourcesExtent(db: DB) {
  return db
    .selectFrom('resources as r')
    .where('r.status', '=', 'published')
    .select([
      bbox(sql`ST_Extent(r.geom)`).as('bbox'),
      sql<Date | null>`min(r.updated_at)`.as('first'),
      sql<Date | null>`max(r.updated_at)`.as('last'),
    ])
    .executeTakeFirstOrThrow()
}

export async function publishedResources(db: DB): Promise<ResourceRow[]> {
  return (await base(db)
    .where('r.status', '=', 'published')
    .orderBy('r.seq', 'asc')
    .execute()) as ResourceRow[]
}

export interface ResourceInput {
  name: string
  description: string | null
  themes: string[]
  organization: string | null
  email: string | null
  phone: string | null
  url: string | null
  schedule: ScheduleEntry[]
  eligibilityDescription: string | null
  languages: string[]
  accessibility: string | null
  address: string | null
  geometry: { type: 'Point'; coordinates: Position }
  serviceArea: Geometry | null
  assuredDate: string | null
}

function columns(r: ResourceInput) {
  return {
    name: r.name,
    description: r.description,
    themes: r.themes,
    organization_name: r.organization,
    email: r.email,
    phone: r.phone,
    url: r.url,
    schedule: JSON.stringify(r.schedule),
    eligibility_description: r.eligibilityDescription,
    languages: r.languages,
    accessibility: r.accessibility,
    address: r.address,
    geom: geomFromGeoJSON(r.geometry),
    service_area: r.serviceArea ? multiFromGeoJSON(r.serviceArea) : null,
    assured_date: r.assuredDate,
    search_text: foldText(r.name, r.description, r.organization),
  }
}

export async function insertResource(
  db: DB,
  r: ResourceInput & { status: ContentStatus; authorId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('resources')
    .values({ ...columns(r), status: r.status, author_id: r.authorId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateResource(
  db: DB,
  id: string,
  version: number,
  r: ResourceInput,
): Promise<boolean> {
  const res = await db
    .updateTable('resources')
    .set({ ...columns(r), version: sql`version + 1`, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

export async function pendingResources(db: DB, q: { limit: number; before?: Date | undefined }) {
  let query = base(db).where('r.status', '=', 'pending')
  if (q.before) query = query.where('r.created_at', '<', q.before)
  return (await query.orderBy('r.seq', 'desc').limit(q.limit).execute()) as ResourceRow[]
}

export async function resourcesByIds(db: DB, ids: readonly string[]) {
  if (ids.length === 0) return []
  return (await base(db)
    .where('r.id', 'in', [...ids])
    .execute()) as ResourceRow[]
}

export async function resourcesByAuthor(db: DB, userId: string) {
  return (await base(db).where('r.author_id', '=', userId).execute()) as ResourceRow[]
}
