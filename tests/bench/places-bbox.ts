// Bench: GET /api/places?bbox=… on the PostGIS server with many places, against the raw SQL of
// the same query (the statements the repository compiles, run with pg) in the same run, on the
// same data, with the same bounding boxes. Target: API p50/p95 ≤ 1.3× the SQL.
// The API runs as the real server process (api/server.ts) over HTTP on 127.0.0.1.
import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openPostgres } from '../../api/db/connect.ts'
import type { Database } from '../../api/db/database.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { listPlacesQueries } from '../../api/places/places.repository.ts'
import { startServer } from '../helpers/server.ts'

export interface PlacesBboxBenchOptions {
  /** A PostgreSQL + PostGIS server URL; a database of its own is created there and dropped. */
  databaseUrl: string
  /** Places to seed (default 1,000,000; 5 % pending, the rest published). */
  rows?: number
  /** Timed requests per side (default 200, after 20 warm-up requests each). */
  requests?: number
  /** Page size asked for (default 100). */
  limit?: number
  /** Side of each random bounding box in degrees (default 0.02 ≈ 1.6 × 2.2 km in Turin). */
  bboxDegrees?: number
  log?: (message: string) => void
}

export interface Percentiles {
  p50: number
  p95: number
}

export interface PlacesBboxBenchResult {
  rows: number
  requests: number
  seedMs: number
  /** Milliseconds per request: HTTP round trip to the API, and the same SQL through pg. */
  api: Percentiles
  sql: Percentiles
  /** api / sql. */
  ratio: Percentiles
  meanReturned: number
}

const TERRITORY = [7.35, 44.9, 7.9, 45.25] as const

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!
  return { p50: at(0.5), p95: at(0.95) }
}

/** A fixed pseudo-random sequence (mulberry32), so runs compare. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function seedPlaces(db: Kysely<Database>, rows: number): Promise<void> {
  const [w, s, e, n] = TERRITORY
  const batch = 100_000
  await sql`select setseed(0.42)`.execute(db)
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1)
    await sql`
      insert into places (category, name, description, geom, status, search_text)
      select (array['casa_del_quartiere','negozio_amico','orto_giardino','biblioteca','scuola',
                    'oratorio','bar_edicola','sala_comunale','spazio_aperto','altro'])[1 + i % 10],
             'Luogo ' || i, 'Descrizione di prova ' || i,
             ST_SetSRID(ST_MakePoint(${w}::float8 + random() * ${e - w}::float8,
                                     ${s}::float8 + random() * ${n - s}::float8), 4326),
             case when i % 20 = 0 then 'pending' else 'published' end,
             'luogo ' || i || ' descrizione di prova ' || i
      from generate_series(${from}::int, ${to}::int) as i`.execute(db)
  }
  await sql`analyze places`.execute(db)
}

export async function benchPlacesBbox(
  options: PlacesBboxBenchOptions,
): Promise<PlacesBboxBenchResult> {
  const rows = options.rows ?? 1_000_000
  const requests = options.requests ?? 200
  const limit = options.limit ?? 100
  const size = options.bboxDegrees ?? 0.02
  const log = options.log ?? (() => {})

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
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    await prepareDatabase(database)
    log(`seeding ${rows} places…`)
    const t0 = performance.now()
    await seedPlaces(database.db, rows)
    const seedMs = performance.now() - t0
    server = await startServer({ env: { DATABASE_URL: url.toString() } })

    const rand = random(7)
    const boxes = Array.from({ length: requests + 20 }, () => {
      const x = TERRITORY[0] + rand() * (TERRITORY[2] - TERRITORY[0] - size)
      const y = TERRITORY[1] + rand() * (TERRITORY[3] - TERRITORY[1] - size)
      return [x, y, x + size, y + size].map((v) => Number(v.toFixed(5))) as [
        number,
        number,
        number,
        number,
      ]
    })

    const apiOne = async (bbox: number[]) => {
      const t = performance.now()
      const res = await fetch(`${server!.url}/api/places?bbox=${bbox.join(',')}&limit=${limit}`)
      const body = (await res.json()) as { numberReturned: number }
      if (res.status !== 200) throw new Error(`API answered ${res.status}`)
      return { ms: performance.now() - t, returned: body.numberReturned }
    }
    // The same statements the API runs (a visitor's view: published places), sent as raw SQL.
    const sqlOne = async (bbox: [number, number, number, number]) => {
      const q = listPlacesQueries(database.db, { viewer: { kind: 'visitor' }, bbox, limit })
      const a = q.rows.compile()
      const b = q.count.compile()
      const t = performance.now()
      await Promise.all([database.db.executeQuery(a), database.db.executeQuery(b)])
      return performance.now() - t
    }

    for (const box of boxes.slice(0, 20)) {
      await apiOne(box)
      await sqlOne(box)
    }
    const api: number[] = []
    const raw: number[] = []
    let returned = 0
    // Interleaved, so both sides see the same machine load; which side goes first alternates,
    // since the second one finds the box's pages in the buffer cache.
    for (const [i, box] of boxes.slice(20).entries()) {
      if (i % 2 === 0) raw.push(await sqlOne(box))
      const r = await apiOne(box)
      api.push(r.ms)
      returned += r.returned
      if (i % 2 === 1) raw.push(await sqlOne(box))
    }
    const a = percentiles(api)
    const s = percentiles(raw)
    return {
      rows,
      requests,
      seedMs,
      api: a,
      sql: s,
      ratio: { p50: a.p50 / s.p50, p95: a.p95 / s.p95 },
      meanReturned: returned / requests,
    }
  } finally {
    await server?.stop()
    await database.close()
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  }
}

// `node --import tsx tests/bench/places-bbox.ts [rows]`: run on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('set DATABASE_URL to a PostgreSQL + PostGIS server')
  const r = await benchPlacesBbox({
    databaseUrl,
    rows: Number(process.argv[2] ?? 1_000_000),
    log: console.log,
  })
  console.log(JSON.stringify(r, null, 2))
}
