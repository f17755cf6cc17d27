// An app over a test database, for `app.request()` tests. One per test file.
import { createApp, type App } from '../../api/app.ts'
import { parseConfig, type Config } from '../../api/config.ts'
import { openTestDatabase, type Backend, type TestDatabase } from './db.ts'

export interface TestApp {
  app: App
  database: TestDatabase
  config: Config
  close(): Promise<void>
}

export async function testApp(
  options: { backend?: Backend; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(options.backend)
  const config = parseConfig({ BASEMAP_STYLE_URL: 'offline', ...options.env })
  const app = createApp({ db: database.db, dbKind: database.kind, config })
  return { app, database, config, close: () => database.drop() }
}
