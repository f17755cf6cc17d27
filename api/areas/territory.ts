// Loads the real areas of the territory from fixtures/territory (sources and licences in
// fixtures/README.md): the municipalities of Turin and the CIdiS consortium, Turin's 8 districts
// (circoscrizioni, 2016 reform) and its 94 statistical zones. Loaded once: a checksum of the
// files is recorded in `seeds`, and a changed file reloads in place (upsert by id).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { AreaKind, Database } from '../db/database.ts'
import { multiFromGeoJSON, type GeometryValue } from '../db/geo.ts'
import { pickIndicators } from './indicators.ts'

const DIR = fileURLToPath(new URL('../../fixtures/territory/', import.meta.url))
const TURIN_ISTAT = '001272'

const FILES = {
  municipalities: 'torino_cidis_comuni.geojson',
  districts: 'circoscrizioni.geojson',
  zones: 'zone_statistiche.geojson',
} as const

interface SourceFeature {
  properties: Record<string, unknown>
  geometry: { type: string; coordinates: unknown }
}

export interface AreaRow {
  id: string
  kind: AreaKind
  code: string
  name: string
  parent_id: string | null
  population: number | null
  indicators: Record<string, number>
  source: string
  geometry: SourceFeature['geometry']
}

export const areaId = (kind: AreaKind, code: string) => `${kind}-${code.toLowerCase()}`

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function readFeatures(file: string): SourceFeature[] {
  return (JSON.parse(fs.readFileSync(DIR + file, 'utf8')) as { features: SourceFeature[] }).features
}

/** The rows to load, parents before children (the parent_id foreign key needs that order). */
export function territoryRows(): AreaRow[] {
  const municipalities = readFeatures(FILES.municipalities).map((f): AreaRow => {
    const code = String(f.properties.com_istat_code)
    return {
      id: areaId('municipality', code),
      kind: 'municipality',
      code,
      name: String(f.properties.name),
      parent_id: null,
      population: num(f.properties.pop_res_2021),
      indicators: pickIndicators({ ...f.properties, pop_total_2021: f.properties.pop_res_2021 }),
      source: 'ISTAT; openpolis geojson-italy (CC BY 4.0)',
      geometry: f.geometry,
    }
  })
  const districts = readFeatures(FILES.districts).map((f): AreaRow => {
    const code = String(f.properties.circoscrizione)
    return {
      id: areaId('district', code),
      kind: 'district',
      code,
      name: String(f.properties.nome),
      parent_id: areaId('municipality', TURIN_ISTAT),
      population: num(f.properties.pop_total_2021),
      indicators: pickIndicators(f.properties),
      source: 'Pinto 2023, SEI; ISTAT census 2021 (CC BY-SA 4.0)',
      geometry: f.geometry,
    }
  })
  const zones = readFeatures(FILES.zones).map((f): AreaRow => {
    const code = String(f.properties.zonastat)
    return {
      id: areaId('zone', code),
      kind: 'zone',
      code,
      name: String(f.properties.name),
      parent_id: areaId('district', String(f.properties.circoscrizione_2016_prevalente)),
      population: num(f.properties.pop_2023_anagrafe),
      indicators: pickIndicators(f.properties),
      source: 'Città di Torino – aperTO (CC BY 4.0); Pinto 2023, SEI (CC BY-SA 4.0)',
      geometry: f.geometry,
    }
  })
  return [...municipalities, ...districts, ...zones]
}

function filesChecksum(): string {
  const h = createHash('sha256')
  for (const file of Object.values(FILES)) h.update(fs.readFileSync(DIR + file))
  return h.digest('hex').slice(0, 16)
}

/** Loads the territory unless this exact version is already loaded. Returns the rows written. */
export async function loadTerritory(
  db: Kysely<Database>,
  onLoad: () => void = () => {},
): Promise<number> {
  const checksum = filesChecksum()
  const seen = await db
    .selectFrom('seeds')
    .select('checksum')
    .where('name', '=', 'territory')
    .executeTakeFirst()
  if (seen?.checksum === checksum) return 0
  onLoad()
  const rows = territoryRows()
  await db.transaction().execute(async (tx) => {
    for (const r of rows) {
      await tx
        .insertInto('areas')
        .values({
          id: r.id,
          kind: r.kind,
          code: r.code,
          name: r.name,
          parent_id: r.parent_id,
          population: r.population,
          indicators: JSON.stringify(r.indicators),
          source: r.source,
          geom: multiFromGeoJSON(r.geometry),
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            parent_id: eb.ref('excluded.parent_id'),
            population: eb.ref('excluded.population'),
            indicators: eb.ref('excluded.indicators'),
            source: eb.ref('excluded.source'),
            geom: sql<GeometryValue>`excluded.geom`,
          })),
        )
        .execute()
    }
    await tx
      .insertInto('seeds')
      .values({ name: 'territory', checksum, rows: rows.length })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum, rows: rows.length }))
      .execute()
  })
  return rows.length
}
