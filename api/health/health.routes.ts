import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.ts'

// A hung database must not hang the health check: answer 503 after this long.
const HEALTH_TIMEOUT_MS = 3000

export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  const base = { database: c.var.dbKind }
  try {
    const version = await withTimeout(
      sql<{ v: string }>`select postgis_lib_version() as v`.execute(c.var.db),
      HEALTH_TIMEOUT_MS,
    )
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'ok', ...base, postgis: version.rows[0]!.v })
  } catch (err) {
    console.error(`[health] database did not answer: ${(err as Error).message}`)
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'unavailable', ...base, postgis: null }, 503)
  }
})

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}
