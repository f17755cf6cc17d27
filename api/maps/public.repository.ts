// What the public may read of the unconventional maps, for OGC API – Features: the drawings of
// public, published maps, through the view public_map_features (sql/0044), which leaves private
// and unlisted maps out by construction. Pages newest first by seq, like places.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON, bbox, intersectsBbox, type GeoJSONGeometry } from '../db/geo.ts'
import type { Page, SeqWindow, TimeWindow } from '../geo/feature-list.ts'

type DB = Kysely<Database>

export interface PublicDrawingRow {
  id: string
  seq: string
  map_id: string
  map_title: string
  kind: string
  symbol: string
  symbol_label: string | null
  symbol_color: string | null
  symbol_emoji: string | null
  title: string | null
  note: string | null
  story: string | null
  geometry: GeoJSONGeometry
  created_at: Date
  updated_at: Date
}

export interface PublicDrawingFilter {
  bbox?: readonly [number, number, number, number] | undefined
  updated?: TimeWindow | undefined
  /** Map ids (any of them). */
  maps?: readonly string[] | undefined
  kinds?: readonly string[] | undefined
}

const COLUMNS = sql`f.id, f.seq::text as seq, f.map_id, f.map_title, f.kind, f.symbol,
  f.symbol_label, f.symbol_color, f.symbol_emoji, f.title, f.note, f.story,
  ${asGeoJSON(sql.ref('f.geom'))} as geometry, f.created_at, f.updated_at`

function where(f: PublicDrawingFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`]
  if (f.bbox) parts.push(intersectsBbox(sql.ref('f.geom'), f.bbox))
  if (f.updated?.from) parts.push(sql<SqlBool>`f.updated_at >= ${f.updated.from}`)
  if (f.updated?.until) parts.push(sql<SqlBool>`f.updated_at < ${f.updated.until}`)
  if (f.maps?.length) parts.push(sql<SqlBool>`f.map_id::text in (${sql.join([...f.maps])})`)
  if (f.kinds?.length) parts.push(sql<SqlBool>`f.kind in (${sql.join([...f.kinds])})`)
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`
}

export async function listPublicDrawings(
  db: DB,
  f: PublicDrawingFilter & SeqWindow,
): Promise<Page<PublicDrawingRow>> {
  const filter = where(f)
  const window = f.cursor
    ? sql`and f.seq < ${f.cursor}::bigint`
    : f.newerThan
      ? sql`and f.seq > ${f.newerThan}::bigint`
      : sql``
  const [{ rows }, { rows: count }] = await Promise.all([
    sql<PublicDrawingRow>`select ${COLUMNS} from public_map_features f
      where ${filter} ${window}
      order by f.seq ${f.newerThan ? sql`asc` : sql`desc`}
      limit ${f.limit + 1}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from public_map_features f
      where ${filter}`.execute(db),
  ])
  const more = rows.length > f.limit
  const page = more ? rows.slice(0, f.limit) : rows
  const numberMatched = count[0]?.n ?? 0
  if (f.newerThan) {
    page.reverse()
    return {
      rows: page,
      nextSeq: page.length ? page[page.length - 1]!.seq : null,
      prevSeq: more ? page[0]!.seq : null,
      numberMatched,
    }
  }
  return { rows: page, nextSeq: more ? page[page.length - 1]!.seq : null, numberMatched }
}

export async function findPublicDrawing(db: DB, id: string) {
  const { rows } = await sql<PublicDrawingRow>`select ${COLUMNS} from public_map_features f
    where f.id = ${id}::uuid`.execute(db)
  return rows[0]
}

/** Where and when the public drawings are (all null when there is none). */
export async function publicDrawingsExtent(db: DB) {
  const { rows } = await sql<{
    bbox: [number, number, number, number]
    first: Date | null
    last: Date | null
  }>`select ${bbox(sql`ST_Extent(f.geom)`)} as bbox, min(f.updated_at) as first,
       max(f.updated_at) as last
     from public_map_features f`.execute(db)
  return rows[0]!
}

/** A public drawing as OGC API publishes it: no author, nothing about the group. */
export function toPublicDrawingFeature(r: PublicDrawingRow) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: {
      id: r.id,
      mapId: r.map_id,
      mapTitle: r.map_title,
      kind: r.kind,
      symbol: r.symbol,
      symbolLabel: r.symbol_label,
      color: r.symbol_color,
      emoji: r.symbol_emoji,
      title: r.title,
      note: r.note,
      story: r.story,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  }
}
