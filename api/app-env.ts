import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { DatabaseKind } from './db/connect.ts'

/** What every route can read from the context (`c.var`). */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>
    dbKind: DatabaseKind
    config: Config
  }
}
