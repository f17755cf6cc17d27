// `npm run db:migrate`: apply pending migrations (and load the territory) without serving.
import { ConfigError, parseConfig } from '../config.ts'
import { openDatabase } from '../db/connect.ts'
import { StartupError } from '../db/errors.ts'
import { prepareDatabase } from '../db/prepare.ts'

try {
  const database = await openDatabase(parseConfig(process.env))
  try {
    const r = await prepareDatabase(database, (m) => console.log(`[intrecci] ${m}`))
    console.log(
      `[intrecci] ${database.kind} at ${database.location}: ${r.migrations.length} migrations applied, ` +
        `${r.territoryRows} areas loaded`,
    )
  } finally {
    await database.close()
  }
} catch (err) {
  if (err instanceof StartupError || err instanceof ConfigError) {
    console.error(`intrecci: ${err.message}`)
    process.exit(1)
  }
  throw err
}
