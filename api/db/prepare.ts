// Brings an open database up to date: migrations, then the bundled data each load once.
import { loadTerritory } from '../areas/territory.ts'
import { loadGreen } from '../basemap/green.ts'
import { loadDemo, type DemoResult } from '../demo/demo.ts'
import type { OpenDatabase } from './connect.ts'
import { migrate } from './migrate.ts'

export interface PrepareResult {
  migrations: string[]
  territoryRows: number
  /** The demo content loaded now, or null (off, loaded before, or the database has its own). */
  demo: DemoResult | null
}

export interface PrepareOptions {
  /** Load the demo content into an empty database (the server: DEMO_CONTENT; tests: off). */
  demo?: boolean
}

/** Progress goes to `log` (the server prints it; a long first start should say what it does). */
export async function prepareDatabase(
  database: OpenDatabase,
  log: (message: string) => void = () => {},
  options: PrepareOptions = {},
): Promise<PrepareResult> {
  const { applied } = await migrate(database, undefined, (name) =>
    log(`applying migration ${name}…`),
  )
  const territoryRows = await loadTerritory(database.db, () =>
    log('loading the areas of the territory…'),
  )
  await loadGreen(database.db, () => log('loading the parks and gardens of the basemap…'))
  const demo = options.demo
    ? await loadDemo(database.db, () =>
        log('loading the demo content (DEMO_CONTENT=off skips it)…'),
      )
    : null
  return { migrations: applied, territoryRows, demo }
}
