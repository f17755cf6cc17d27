// Bench: GET /api/signals/aggregate?by=area&kind=zone over many synthetic need signals (the
// seeded generator, api/synthetic/signals.ts), against the SQL behind it (aggregateByArea) in the
// same run, on the same data. Target: ≤ 500 ms. Also timed, for the record: one theme over the
// last year (the planner's usual question), and hexagons of 1,000 m.
// The signals are loaded in bulk and then vacuumed and analysed, as autovacuum does after a load
// (the index-only scan of need_signals_zone_idx needs the visibility map).
// On the PostGIS server (default 1,000,000 signals) both sides run interleaved; on PGlite (default
// 100,000) the API is timed with the server on the data directory, then the SQL directly.
import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openPglite, openPostgres, type OpenDatabase } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { aggregateByArea, aggregateByHex } from '../../api/signals/aggregate.repository.ts'
import { generateSignals } from '../../api/synthetic/signals.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'

export interface SignalsAggregateBenchOptions {
  /** A PostgreSQL + PostGIS server URL (a database of its own is created and dropped there);
   * omitted: PGlite in a temporary data directory. */
  databaseUrl?: string
  /** Synthetic signals (default 1,000,000 on a server, 100,000 on PGlite). */
  signals?: number
  /** Timed requests per side and query (default 30, after 3 warm-up requests). */
  requests?: number
  log?: (message: string) => void
}

export interface Percentiles {
  p50: number
  p95: number
}

export interface AggregateTiming {
  /** GET over HTTP, as a visitor (suppressed counts). */
  api: Percentiles
  /** The repository's SQL, run directly. */
  sql: Percentiles
}

export interface SignalsAggregateBenchResult {
  backend: 'postgres' | 'pglite'
  signals: number
  generateMs: number
  zones: AggregateTiming
  zonesThemeYear: AggregateTiming
  hex1000: AggregateTiming
}

/** Dates of the synthetic signals run over the two years before this day. */
const AS_OF = '2026-04-01'

interface Case {
  name: 'zones' | 'zonesThemeYear' | 'hex1000'
  path: string
  sql: (database: OpenDatabase) => Promise<unknown>
}

const CASES: Case[] = [
  {
    name: 'zones',
    path: '/api/signals/aggregate?by=area&kind=zone',
    sql: (d) => aggregateByArea(d.db, { kind: 'zone' }),
  },
  {
    name: 'zonesThemeYear',
    path: '/api/signals/aggregate?by=area&kind=zone&theme=housing&from=2025-W14&to=2026-W13',
    sql: (d) =>
      aggregateByArea(d.db, {
        kind: 'zone',
        theme: 'housing',
        from: '2025-03-31',
        until: '2026-03-30',
      }),
  },
  {
    name: 'hex1000',
    path: '/api/signals/aggregate?by=hex&size=1000',
    sql: (d) => aggregateByHex(d.db, { size: 1000 }),
  },
]

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!
  return { p50: at(0.5), p95: at(0.95) }
}

async function timeApi(server: RunningServer, path: string): Promise<number> {
  const t = performance.now()
  const res = await fetch(server.url + path)
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
  return performance.now() - t
}

async function timeSql(database: OpenDatabase, c: Case): Promise<number> {
  const t = performance.now()
  await c.sql(database)
  return performance.now() - t
}

async function load(database: OpenDatabase, signals: number, log: (m: string) => void) {
  await prepareDatabase(database)
  log(`generating ${signals} synthetic signals on ${database.kind}…`)
  const t0 = performance.now()
  await generateSignals(database.db, { count: signals, seed: 42, asOf: AS_OF })
  const generateMs = performance.now() - t0
  await sql`vacuum analyze need_signals`.execute(database.db)
  return generateMs
}

export async function benchSignalsAggregate(
  options: SignalsAggregateBenchOptions = {},
): Promise<SignalsAggregateBenchResult> {
  const requests = options.requests ?? 30
  const log = options.log ?? (() => {})
  const api = new Map<Case['name'], number[]>(CASES.map((c) => [c.name, []]))
  const raw = new Map<Case['name'], number[]>(CASES.map((c) => [c.name, []]))
  const keep = (into: Map<Case['name'], number[]>, c: Case, i: number, ms: number) => {
    if (i >= 3) into.get(c.name)!.push(ms)
  }
  let signals: number
  let generateMs: number

  if (options.databaseUrl) {
    signals = options.signals ?? 1_000_000
    const name = `intrecci_bench_${randomBytes(4).toString('hex')}`
    const admin = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: options.databaseUrl, max: 1 }),
      }),
    })
    await sql`create database ${sql.id(name)}`.execute(admin)
    const url = new URL(options.databaseUrl)
    url.pathname = `/${name}`
    const database = await openPostgres(url.toString())
    let server: RunningServer | undefined
    try {
      generateMs = await load(database, signals, log)
      server = await startServer({ env: { DATABASE_URL: url.toString() } })
      // Interleaved, the side that goes first alternating.
      for (let i = 0; i < requests + 3; i++) {
        for (const c of CASES) {
          if (i % 2 === 0) keep(raw, c, i, await timeSql(database, c))
          keep(api, c, i, await timeApi(server, c.path))
          if (i % 2 === 1) keep(raw, c, i, await timeSql(database, c))
        }
      }
    } finally {
      await server?.stop()
      await database.close()
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
      await admin.destroy()
    }
  } else {
    signals = options.signals ?? 100_000
    const dir = tempDir('intrecci-bench-signals-')
    let database = await openPglite({ dataDir: dir })
    try {
      generateMs = await load(database, signals, log)
    } finally {
      await database.close()
    }
    const server = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
    try {
      for (let i = 0; i < requests + 3; i++) {
        for (const c of CASES) keep(api, c, i, await timeApi(server, c.path))
      }
    } finally {
      await server.stop()
    }
    database = await openPglite({ dataDir: dir })
    try {
      for (let i = 0; i < requests + 3; i++) {
        for (const c of CASES) keep(raw, c, i, await timeSql(database, c))
      }
    } finally {
      await database.close()
    }
  }
  const timing = (n: Case['name']): AggregateTiming => ({
    api: percentiles(api.get(n)!),
    sql: percentiles(raw.get(n)!),
  })
  return {
    backend: options.databaseUrl ? 'postgres' : 'pglite',
    signals,
    generateMs,
    zones: timing('zones'),
    zonesThemeYear: timing('zonesThemeYear'),
    hex1000: timing('hex1000'),
  }
}

// `node --import tsx tests/bench/signals-aggregate.ts [signals]`: on DATABASE_URL's server, or on
// PGlite without it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSignalsAggregate({
    databaseUrl: process.env.DATABASE_URL || undefined,
    ...(process.argv[2] ? { signals: Number(process.argv[2]) } : {}),
    log: console.log,
  })
  console.log(JSON.stringify(r, null, 2))
}
