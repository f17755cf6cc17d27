// Demo content (fixtures/demo, made by scripts/generate-demo.ts): ~150 places and ~300
// resources, invented and marked as such (source 'demo', "(demo)" in the name, descriptions
// starting "Contenuto dimostrativo —"), plus real schools from OpenStreetMap with their ODbL
// attribution. Loaded once, through the same import as staff files, into a database that has no
// places or resources of its own; recorded in `seeds`. DEMO_CONTENT=off skips it.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { SYSTEM } from '../audit/audit.ts'
import type { Database } from '../db/database.ts'
import { importGeoJson } from '../import/import.ts'
import { DEMO_SOURCE } from '../import/provenance.ts'

export const DEMO_DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url))
export { DEMO_SOURCE }
export const DEMO_FILES = { places: 'places.geojson', resources: 'resources.geojson' } as const

export interface DemoResult {
  places: number
  resources: number
}

function checksum(): string {
  const h = createHash('sha256')
  for (const f of Object.values(DEMO_FILES)) h.update(fs.readFileSync(DEMO_DIR + f))
  return h.digest('hex').slice(0, 16)
}

/** Whether the database holds places or resources that are not demo content. */
async function hasOwnContent(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from places where source is distinct from 'demo')
         + (select count(*) from resources where source is distinct from 'demo') as n`.execute(db)
  return Number(rows[0]?.n ?? 0) > 0
}

/** Loads the demo content unless it was loaded before or the database has content of its own.
 * Returns the rows loaded, or null when it did nothing. */
export async function loadDemo(
  db: Kysely<Database>,
  onLoad: () => void = () => {},
): Promise<DemoResult | null> {
  const seen = await db
    .selectFrom('seeds')
    .select('name')
    .where('name', '=', DEMO_SOURCE)
    .executeTakeFirst()
  if (seen || (await hasOwnContent(db))) return null
  onLoad()
  const result: DemoResult = { places: 0, resources: 0 }
  for (const kind of ['places', 'resources'] as const) {
    const report = await importGeoJson(db, fs.readFileSync(DEMO_DIR + DEMO_FILES[kind]), {
      kind,
      source: DEMO_SOURCE,
      actor: SYSTEM,
    })
    if (report.issueCount > 0) {
      const first = report.issues[0]!
      throw new Error(
        `fixtures/demo/${DEMO_FILES[kind]} feature ${first.line}: ${first.field}: ${first.reason}`,
      )
    }
    result[kind] = report.valid
  }
  const rows = result.places + result.resources
  await db
    .insertInto('seeds')
    .values({ name: DEMO_SOURCE, checksum: checksum(), rows })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  return result
}
