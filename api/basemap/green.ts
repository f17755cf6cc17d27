// Loads the parks and gardens of fixtures/osm/green.geojson (© OpenStreetMap contributors, ODbL)
// into green_areas, which the `green` tile layer serves to the offline basemap. Loaded once per
// version of the file (a checksum in `seeds`), in one statement: 2,375 polygons, ~700 KB.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export const GREEN_FILE = fileURLToPath(
  new URL('../../fixtures/osm/green.geojson', import.meta.url),
)

/** Loads the file unless this exact version is loaded. Returns the rows written (0: up to date). */
export async function loadGreen(
  db: Kysely<Database>,
  onLoad: () => void = () => {},
): Promise<number> {
  const text = fs.readFileSync(GREEN_FILE, 'utf8')
  const checksum = createHash('sha256').update(text).digest('hex').slice(0, 16)
  const seen = await db
    .selectFrom('seeds')
    .select('checksum')
    .where('name', '=', 'green')
    .executeTakeFirst()
  if (seen?.checksum === checksum) return 0
  onLoad()
  return db.transaction().execute(async (tx) => {
    // The extract has no ids: a feature's position in the file is its id. Names are trimmed to
    // what the column takes; geometries are made valid (the file's are, this is a guard).
    const { rows } = await sql<{ n: number }>`
      with f as (
        select (e.ordinality - 1)::int as id,
               nullif(left(btrim(e.value -> 'properties' ->> 'name'), 200), '') as name,
               ST_Multi(ST_CollectionExtract(ST_MakeValid(
                 ST_SetSRID(ST_GeomFromGeoJSON(e.value -> 'geometry'), 4326)), 3)) as geom
        from jsonb_array_elements(${text}::jsonb -> 'features') with ordinality as e
      ),
      up as (
        insert into green_areas (id, name, geom)
        select id, name, geom from f where not ST_IsEmpty(geom)
        on conflict (id) do update set name = excluded.name, geom = excluded.geom
        returning id
      )
      select count(*)::int as n from up`.execute(tx)
    const n = rows[0]!.n
    await sql`delete from green_areas where id >= ${n}`.execute(tx)
    await tx
      .insertInto('seeds')
      .values({ name: 'green', checksum, rows: n })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum, rows: n }))
      .execute()
    return n
  })
}
