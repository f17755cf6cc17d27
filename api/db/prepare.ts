// Brings an open database up to date: migrations, then the bundled data each load once.
import { loadTerritory } from '../areas/territory.ts'
import type { OpenDatabase } from './connect.ts'
import { migrate } from './migrate.ts'

export interface PrepareResult {
  migrations: string[]
  territoryRows: number
}

/** Progress goes to `log` (the server prints it; a long first start should say what it does). */
export async function prepareDatabase(
  database: OpenDatabase,
  log: (message: string) => void = () => {},
): Promise<PrepareResult> {
  const { applied } = await migrate(database, undefined, (name) =>
    log(`applying migration ${name}…`),
  )
  const territoryRows = await loadTerritory(database.db, () =>
    log('loading the areas of the territory…'),
  )
  return { migrations: applied, territoryRows }
}
