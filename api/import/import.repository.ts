// Batched upserts for imports: one INSERT … SELECT FROM jsonb_to_recordset($1) … ON CONFLICT
// (source, external_id) DO UPDATE per batch, so a batch of 1,000 rows is one statement with one
// parameter (no 65,535-parameter ceiling, little parsing). Points are built from numeric
// lon/lat with ST_MakePoint (EPSG:4326), never from text. A row whose values did not change is
// left alone (no version bump); a moderator's decision (status) is never undone by a re-import.
import { sql, type Kysely } from 'kysely'
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
}

function count(rows: { inserted: boolean }[]): UpsertCounts {
  const inserted = rows.filter((r) => r.inserted).length
  return { inserted, updated: rows.length - inserted }
}

export async function upsertPlaces(
  db: DB,
  rows: readonly PlaceImportRow[],
  t: Target,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 }
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into places as p (source, external_id, category, name, description, story, address,
      attribution, geom, status, author_id, search_text)
    select ${t.source}, r.external_id, r.category, r.name, r.description, r.story, r.address,
      r.attribution, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), 'published', ${t.authorId}::uuid,
      r.search_text
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(external_id text, category text,
      name text, description text, story text, address text, attribution text,
      lon float8, lat float8, search_text text)
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
    returning (xmax = 0) as inserted`.execute(db)
  return count(out)
}

export async function upsertResources(
  db: DB,
  rows: readonly ResourceImportRow[],
  t: Target,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 }
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into resources as s (source, external_id, name, description, themes,
      organization_name, email, phone, url, schedule, eligibility_description, languages,
      accessibility, address, assured_date, attribution, geom, status, author_id, search_text)
    select ${t.source}, r.external_id, r.name, r.description, r.themes, r.organization_name,
      r.email, r.phone, r.url, coalesce(r.schedule, '[]'::jsonb), r.eligibility_description,
      r.languages, r.accessibility, r.address, r.assured_date, r.attribution,
      ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), 'published', ${t.authorId}::uuid,
      r.search_text
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(external_id text, name text,
      description text, themes text[], organization_name text, email text, phone text, url text,
      schedule jsonb, eligibility_description text, languages text[], accessibility text,
      address text, assured_date date, attribution text, lon float8, lat float8,
      search_text text)
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
    returning (xmax = 0) as inserted`.execute(db)
  return count(out)
}
