// Batched upserts for imports: one INSERT … SELECT FROM json_to_recordset($1) … ON CONFLICT
// (source, external_id) DO UPDATE per batch, so a batch of 1,000 rows is one statement with one
// parameter (no 65,535-parameter ceiling). The batch travels as compact JSON — one-letter keys,
// no null members — since every byte of it is encoded, sent and parsed again (on PGlite, in JS
// and WASM): half the bytes of the rows as they are. json, not jsonb, which would first be
// converted to its binary form only to be read once. Each statement answers one row of counts,
// not one row per written row. Points are built from numeric lon/lat with ST_MakePoint
// (EPSG:4326), never from text. A row whose values did not change is left alone (no version
// bump); a moderator's decision (status) is never undone by a re-import.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/database.ts'
import type { PlaceImportRow, ResourceImportRow } from './rows.ts'

type DB = Kysely<Database>

export interface UpsertCounts {
  inserted: number
  updated: number
}

interface Target {
  source: string
  authorId: string | null
  /** Ids for new rows made here (uuidv7) rather than by gen_random_uuid(): on PGlite each of
   * those opens and reads /dev/urandom through the WASM file system, 5 % of an import's time. */
  idsFromClient?: boolean
}

/** A batch's columns, in order, with their SQL types. */
type Fields = readonly (readonly [column: string, type: string])[]

const PLACE_FIELDS = [
  ['external_id', 'text'],
  ['category', 'text'],
  ['name', 'text'],
  ['description', 'text'],
  ['story', 'text'],
  ['address', 'text'],
  ['attribution', 'text'],
  ['lon', 'float8'],
  ['lat', 'float8'],
  ['search_text', 'text'],
  ['id', 'uuid'],
] as const satisfies Fields

const RESOURCE_FIELDS = [
  ['external_id', 'text'],
  ['name', 'text'],
  ['description', 'text'],
  ['themes', 'text[]'],
  ['organization_name', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['url', 'text'],
  ['schedule', 'jsonb'],
  ['eligibility_description', 'text'],
  ['languages', 'text[]'],
  ['accessibility', 'text'],
  ['address', 'text'],
  ['assured_date', 'date'],
  ['attribution', 'text'],
  ['lon', 'float8'],
  ['lat', 'float8'],
  ['search_text', 'text'],
  ['id', 'uuid'],
] as const satisfies Fields

/** A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then the version and the random
 * bits of a v4. Rows imported together get neighbouring ids, so the primary key's B-tree grows at
 * its right edge instead of taking each insert at a random leaf (7 % of a PGlite import). The
 * time it tells is the row's creation time, which createdAt publishes anyway. */
export function uuidv7(now = Date.now()): string {
  const u = randomUUID()
  const ts = now.toString(16).padStart(12, '0')
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${u.slice(15)}`
}

/** The one-letter key of the i-th field (a…z). */
const key = (i: number) => String.fromCharCode(97 + i)
const KEYS = Array.from({ length: 26 }, (_, i) => key(i))

/** The rows as compact JSON: one-letter keys in field order, null and undefined left out (an
 * absent key reads as NULL). */
function pack(fields: Fields, rows: readonly object[], ids: boolean): string {
  const out: Record<string, unknown>[] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>
    const o: Record<string, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const v = row[fields[i]![0]]
      if (v !== null && v !== undefined) o[KEYS[i]!] = v
    }
    if (ids) o[KEYS[fields.length - 1]!] = uuidv7()
    out[r] = o
  }
  return JSON.stringify(out)
}

/** `(select x.a as external_id, … from json_to_recordset($1) as x(a text, …)) as r`: the packed
 * batch as a relation with the fields' own names. Built from the constant field lists only. */
function unpack(fields: Fields, json: string) {
  const names = fields.map(([column], i) => `x.${key(i)} as ${column}`).join(', ')
  const types = fields.map(([, type], i) => `${key(i)} ${type}`).join(', ')
  return sql`(select ${sql.raw(names)} from json_to_recordset(${json}::json) as x(${sql.raw(types)})) as r`
}

/** Runs an INSERT … RETURNING (xmax = 0) AS inserted, answering the counts alone. */
async function counted(db: DB, upsert: RawBuilder<unknown>): Promise<UpsertCounts> {
  const { rows } = await sql<{ inserted: number; written: number }>`
    with w as (${upsert})
    select (count(*) filter (where w.inserted))::int as inserted, count(*)::int as written
    from w`.execute(db)
  const { inserted, written } = rows[0]!
  return { inserted, updated: written - inserted }
}

export async function upsertPlaces(
  db: DB,
  rows: readonly PlaceImportRow[],
  t: Target,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 }
  const batch = unpack(PLACE_FIELDS, pack(PLACE_FIELDS, rows, !!t.idsFromClient))
  return counted(
    db,
    sql`
    insert into places as p (id, source, external_id, category, name, description, story,
      address, attribution, geom, status, author_id, search_text)
    select coalesce(r.id, gen_random_uuid()), ${t.source}, r.external_id, r.category, r.name,
      r.description, r.story, r.address, r.attribution,
      ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), 'published', ${t.authorId}::uuid,
      r.search_text
    from ${batch}
    on conflict (source, external_id) do update set
      category = excluded.category, name = excluded.name, description = excluded.description,
      story = excluded.story, address = excluded.address, attribution = excluded.attribution,
      geom = excluded.geom, search_text = excluded.search_text,
      author_id = coalesce(p.author_id, excluded.author_id),
      version = p.version + 1, updated_at = clock_timestamp()
    where (p.category, p.name, p.description, p.story, p.address, p.attribution,
        ST_AsBinary(p.geom))
      is distinct from (excluded.category, excluded.name, excluded.description, excluded.story,
        excluded.address, excluded.attribution, ST_AsBinary(excluded.geom))
    returning (xmax = 0) as inserted`,
  )
}

export async function upsertResources(
  db: DB,
  rows: readonly ResourceImportRow[],
  t: Target,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 }
  const batch = unpack(RESOURCE_FIELDS, pack(RESOURCE_FIELDS, rows, !!t.idsFromClient))
  return counted(
    db,
    sql`
    insert into resources as s (id, source, external_id, name, description, themes,
      organization_name, email, phone, url, schedule, eligibility_description, languages,
      accessibility, address, assured_date, attribution, geom, status, author_id, search_text)
    select coalesce(r.id, gen_random_uuid()), ${t.source}, r.external_id, r.name, r.description,
      r.themes, r.organization_name, r.email, r.phone, r.url, coalesce(r.schedule, '[]'::jsonb),
      r.eligibility_description, coalesce(r.languages, '{}'), r.accessibility, r.address,
      r.assured_date, r.attribution, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), 'published',
      ${t.authorId}::uuid, r.search_text
    from ${batch}
    on conflict (source, external_id) do update set
      name = excluded.name, description = excluded.description, themes = excluded.themes,
      organization_name = excluded.organization_name, email = excluded.email,
      phone = excluded.phone, url = excluded.url, schedule = excluded.schedule,
      eligibility_description = excluded.eligibility_description,
      languages = excluded.languages, accessibility = excluded.accessibility,
      address = excluded.address, assured_date = excluded.assured_date,
      attribution = excluded.attribution, geom = excluded.geom,
      search_text = excluded.search_text, author_id = coalesce(s.author_id, excluded.author_id),
      version = s.version + 1, updated_at = clock_timestamp()
    where (s.name, s.description, s.themes, s.organization_name, s.email, s.phone, s.url,
        s.schedule, s.eligibility_description, s.languages, s.accessibility, s.address,
        s.assured_date, s.attribution, ST_AsBinary(s.geom))
      is distinct from (excluded.name, excluded.description, excluded.themes,
        excluded.organization_name, excluded.email, excluded.phone, excluded.url,
        excluded.schedule, excluded.eligibility_description, excluded.languages,
        excluded.accessibility, excluded.address, excluded.assured_date, excluded.attribution,
        ST_AsBinary(excluded.geom))
    returning (xmax = 0) as inserted`,
  )
}

/**
 * Drops the non-unique indexes of `table` and answers the function that builds them again from
 * their definitions (pg_get_indexdef). For a large import into the embedded database: PGlite
 * maintains each index row by row several times slower than a server, and building an index
 * once over the finished table costs a fraction of that (the PostgreSQL manual, "Populating a
 * Database"). Both steps run inside the import's transaction, so a refused or failed import
 * rolls the indexes back with everything else. The unique indexes stay: ON CONFLICT needs them.
 * Not for a server: DROP INDEX locks the table against every reader until the import commits.
 */
export async function deferSecondaryIndexes(
  db: DB,
  table: 'places' | 'resources',
): Promise<() => Promise<void>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass and not i.indisunique and not i.indisprimary
    order by c.relname`.execute(db)
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db)
  return async () => {
    // Definitions read from the catalog a moment ago, never from input.
    for (const r of rows) await sql.raw(r.definition).execute(db)
  }
}

/** Rows in `table`, counted up to `cap` (a bounded scan: the answer is min(count, cap)). */
export async function countUpTo(db: DB, table: 'places' | 'resources', cap: number) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from ${sql.table(table)} limit ${cap}) t`.execute(db)
  return rows[0]!.n
}
