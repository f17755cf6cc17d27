// Published places and resources, and areas, whose name holds every word of the query. Places
// and resources match on their folded search_text (name first, then description: a word found
// at a position inside the name's length is a word of the name), through the trigram index on
// the server; the few hundred areas are folded in JS. Works the same on PGlite and PostGIS.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { AreaKind, Database } from '../db/database.ts'
import { containsPattern } from '../geo/search-text.ts'
import { nameRank } from './search-match.ts'

type DB = Kysely<Database>
type Position = [number, number]
type Bbox = [number, number, number, number]

export interface PlaceHit {
  id: string
  name: string
  category: string
  point: Position
}
export interface ResourceHit {
  id: string
  name: string
  themes: string[]
  point: Position
}
export interface AreaHit {
  id: string
  name: string
  areaKind: AreaKind
  code: string
  bbox: Bbox
  rank: number
}

/** Every token in the name part of search_text (`alias.search_text`, `alias.name`). */
function inName(alias: 'p' | 'r', tokens: readonly string[]): RawBuilder<SqlBool> {
  const text = sql.ref(`${alias}.search_text`)
  const name = sql.ref(`${alias}.name`)
  return sql<SqlBool>`${sql.join(
    tokens.map(
      (t) =>
        sql`(${text} like ${containsPattern(t)} and strpos(${text}, ${t}) <= char_length(${name}))`,
    ),
    sql` and `,
  )}`
}

/** Name starts with the phrase (0), a word starts with the first token (1), else 2. */
function rank(alias: 'p' | 'r', tokens: readonly string[]): RawBuilder<number> {
  const text = sql.ref(`${alias}.search_text`)
  const phrase = tokens.join(' ')
  const first = tokens[0]!
  return sql<number>`case when strpos(${text}, ${phrase}) = 1 then 0
    when strpos(' ' || ${text}, ${' ' + first}) between 1 and char_length(${sql.ref(`${alias}.name`)}) then 1
    else 2 end`
}

export async function searchPlaces(db: DB, tokens: string[], limit: number): Promise<PlaceHit[]> {
  const { rows } = await sql<PlaceHit>`
    select p.id, p.name, p.category,
      json_build_array(ST_X(p.geom), ST_Y(p.geom)) as point
    from places p
    where p.status = 'published' and ${inName('p', tokens)}
    order by ${rank('p', tokens)}, char_length(p.name), p.name
    limit ${limit}`.execute(db)
  return rows
}

export async function searchResources(
  db: DB,
  tokens: string[],
  limit: number,
): Promise<ResourceHit[]> {
  const { rows } = await sql<ResourceHit>`
    select r.id, r.name, r.themes,
      json_build_array(ST_X(r.geom), ST_Y(r.geom)) as point
    from resources r
    where r.status = 'published' and ${inName('r', tokens)}
    order by ${rank('r', tokens)}, char_length(r.name), r.name
    limit ${limit}`.execute(db)
  return rows
}

export async function searchAreas(db: DB, tokens: string[], limit: number): Promise<AreaHit[]> {
  const { rows } = await sql<Omit<AreaHit, 'rank'>>`
    select a.id, a.name, a.kind as "areaKind", a.code,
      json_build_array(ST_XMin(a.geom), ST_YMin(a.geom), ST_XMax(a.geom), ST_YMax(a.geom)) as bbox
    from areas a`.execute(db)
  const kindOrder: Record<AreaKind, number> = { municipality: 0, district: 1, zone: 2 }
  return rows
    .map((r) => ({ ...r, rank: nameRank(r.name, tokens) }))
    .filter((r): r is AreaHit => r.rank !== null)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        kindOrder[a.areaKind] - kindOrder[b.areaKind] ||
        a.name.length - b.name.length ||
        a.name.localeCompare(b.name, 'it'),
    )
    .slice(0, limit)
}
