// Bench: GET /api/places?bbox=… with many places, against the raw SQL of the same query (the
// statements the repository compiles, sent as they are) in the same run, on the same data, with
// the same bounding boxes. Target: API p50/p95 ≤ 1.3× the SQL.
// The API runs as the real server process (api/server.ts) over HTTP on 127.0.0.1, asked as a
// browser asks (Accept-Encoding: gzip) by two clients:
//   browser-like: a keep-alive node:http client that inflates the body in one zlib call and
//     parses it, as a browser does natively — the headline figure;
//   fetch: Node's fetch, whose gzip decoding runs through web streams (≈1.5 ms a response on
//     the bench machine, a cost of that client rather than of the API).
// On the PostGIS server both sides run interleaved. PGlite is one process's database: the API is
// timed with the server on the data directory, then the SQL with the directory opened directly.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { gunzipSync, inflateSync } from 'node:zlib'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openPglite, openPostgres, type OpenDatabase } from '../../api/db/connect.ts'
import type { Database } from '../../api/db/database.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { listPlacesQueries } from '../../api/places/places.repository.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'

export interface PlacesBboxBenchOptions {
  /** A PostgreSQL + PostGIS server URL, where a database of its own is created and dropped;
   * omitted: PGlite in a temporary data directory. */
  databaseUrl?: string
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
  backend: 'postgres' | 'pglite'
  rows: number
  requests: number
  seedMs: number
  /** Milliseconds per request: HTTP round trip to the API (browser-like client, and fetch), and
   * the same SQL sent directly. */
  api: Percentiles
  fetch: Percentiles
  sql: Percentiles
  /** api / sql, and fetch / sql. */
  ratio: Percentiles
  fetchRatio: Percentiles
  meanReturned: number
}

const TERRITORY = [7.35, 44.9, 7.9, 45.25] as const
type Box = [number, number, number, number]

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!
  return { p50: at(0.5), p95: at(0.95) }
}

const ratioOf = (a: Percentiles, b: Percentiles) => ({ p50: a.p50 / b.p50, p95: a.p95 / b.p95 })

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

function boxesFor(count: number, size: number): Box[] {
  const rand = random(7)
  return Array.from({ length: count }, () => {
    const x = TERRITORY[0] + rand() * (TERRITORY[2] - TERRITORY[0] - size)
    const y = TERRITORY[1] + rand() * (TERRITORY[3] - TERRITORY[1] - size)
    return [x, y, x + size, y + size].map((v) => Number(v.toFixed(5))) as Box
  })
}

interface Timed {
  ms: number
  returned: number
}

/** The two HTTP clients of the API (see the head of the file). */
function apiClients(server: RunningServer, limit: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const path = (bbox: Box) => `/api/places?bbox=${bbox.join(',')}&limit=${limit}`
  const browserLike = (bbox: Box) =>
    new Promise<Timed>((resolve, reject) => {
      const t = performance.now()
      const req = http.get(
        `${server.url}${path(bbox)}`,
        { agent, headers: { 'accept-encoding': 'gzip, deflate' } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`API answered ${res.statusCode}`))
            const raw = Buffer.concat(chunks)
            const coding = res.headers['content-encoding']
            const text = (
              coding === 'gzip' ? gunzipSync(raw) : coding === 'deflate' ? inflateSync(raw) : raw
            ).toString('utf8')
            const body = JSON.parse(text) as { numberReturned: number }
            resolve({ ms: performance.now() - t, returned: body.numberReturned })
          })
        },
      )
      req.on('error', reject)
    })
  const viaFetch = async (bbox: Box): Promise<Timed> => {
    const t = performance.now()
    const res = await fetch(`${server.url}${path(bbox)}`)
    const body = (await res.json()) as { numberReturned: number }
    if (res.status !== 200) throw new Error(`API answered ${res.status}`)
    return { ms: performance.now() - t, returned: body.numberReturned }
  }
  return { browserLike, viaFetch, close: () => agent.destroy() }
}

/** The same statements the API runs (a visitor's view: published places), sent as raw SQL. */
function sqlClient(database: OpenDatabase, limit: number) {
  return async (bbox: Box) => {
    const q = listPlacesQueries(database.db, { viewer: { kind: 'visitor' }, bbox, limit })
    const a = q.rows.compile()
    const b = q.count.compile()
    const t = performance.now()
    await Promise.all([database.db.executeQuery(a), database.db.executeQuery(b)])
    return performance.now() - t
  }
}

export async function benchPlacesBbox(
  options: PlacesBboxBenchOptions = {},
): Promise<PlacesBboxBenchResult> {
  return options.databaseUrl
    ? benchOnServer({ ...options, databaseUrl: options.databaseUrl })
    : benchOnPglite(options)
}

async function benchOnServer(
  options: PlacesBboxBenchOptions & { databaseUrl: string },
): Promise<PlacesBboxBenchResult> {
  const rows = options.rows ?? 1_000_000
  const requests = options.requests ?? 200
  const limit = options.limit ?? 100
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
  let server: RunningServer | undefined
  let clients: ReturnType<typeof apiClients> | undefined
  try {
    await prepareDatabase(database)
    log(`seeding ${rows} places on the server…`)
    const t0 = performance.now()
    await seedPlaces(database.db, rows)
    const seedMs = performance.now() - t0
    server = await startServer({ env: { DATABASE_URL: url.toString() } })
    clients = apiClients(server, limit)
    const sqlOne = sqlClient(database, limit)
    const boxes = boxesFor(requests + 20, options.bboxDegrees ?? 0.02)
    for (const box of boxes.slice(0, 20)) {
      await clients.browserLike(box)
      await clients.viaFetch(box)
      await sqlOne(box)
    }
    const api: number[] = []
    const viaFetch: number[] = []
    const raw: number[] = []
    let returned = 0
    // Interleaved, so all sides see the same machine load; which side goes first rotates,
    // since the first one to ask for a box warms its pages in the buffer cache.
    for (const [i, box] of boxes.slice(20).entries()) {
      const sides = [
        async () => raw.push(await sqlOne(box)),
        async () => {
          const r = await clients!.browserLike(box)
          api.push(r.ms)
          returned += r.returned
        },
        async () => viaFetch.push((await clients!.viaFetch(box)).ms),
      ]
      for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]!()
    }
    return result('postgres', rows, requests, seedMs, api, viaFetch, raw, returned)
  } finally {
    clients?.close()
    await server?.stop()
    await database.close()
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  }
}

async function benchOnPglite(options: PlacesBboxBenchOptions): Promise<PlacesBboxBenchResult> {
  const rows = options.rows ?? 100_000
  const requests = options.requests ?? 200
  const limit = options.limit ?? 100
  const log = options.log ?? (() => {})
  const dir = tempDir('intrecci-bench-bbox-')
  const boxes = boxesFor(requests + 20, options.bboxDegrees ?? 0.02)

  let database = await openPglite({ dataDir: dir })
  log(`seeding ${rows} places on PGlite…`)
  await prepareDatabase(database)
  const t0 = performance.now()
  await seedPlaces(database.db, rows)
  const seedMs = performance.now() - t0
  await database.close()

  // The API first (the server holds the data directory), both clients interleaved.
  const server = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
  const clients = apiClients(server, limit)
  const api: number[] = []
  const viaFetch: number[] = []
  let returned = 0
  try {
    for (const [i, box] of boxes.entries()) {
      const first = i % 2 === 0 ? clients.browserLike : clients.viaFetch
      const second = i % 2 === 0 ? clients.viaFetch : clients.browserLike
      const a = await first(box)
      const b = await second(box)
      if (i < 20) continue
      api.push((i % 2 === 0 ? a : b).ms)
      viaFetch.push((i % 2 === 0 ? b : a).ms)
      returned += a.returned
    }
  } finally {
    clients.close()
    await server.stop()
  }
  // Then the same statements on the same data, opened directly.
  database = await openPglite({ dataDir: dir })
  const raw: number[] = []
  try {
    const sqlOne = sqlClient(database, limit)
    for (const [i, box] of boxes.entries()) {
      const ms = await sqlOne(box)
      if (i >= 20) raw.push(ms)
    }
  } finally {
    await database.close()
  }
  return result('pglite', rows, requests, seedMs, api, viaFetch, raw, returned)
}

function result(
  backend: 'postgres' | 'pglite',
  rows: number,
  requests: number,
  seedMs: number,
  api: number[],
  viaFetch: number[],
  raw: number[],
  returned: number,
): PlacesBboxBenchResult {
  const a = percentiles(api)
  const f = percentiles(viaFetch)
  const s = percentiles(raw)
  return {
    backend,
    rows,
    requests,
    seedMs,
    api: a,
    fetch: f,
    sql: s,
    ratio: ratioOf(a, s),
    fetchRatio: ratioOf(f, s),
    meanReturned: returned / requests,
  }
}

// `node --import tsx tests/bench/places-bbox.ts [rows]`: on DATABASE_URL's server (default
// 1,000,000 places), or on PGlite without it (default 100,000).
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchPlacesBbox({
    databaseUrl: process.env.DATABASE_URL || undefined,
    ...(process.argv[2] ? { rows: Number(process.argv[2]) } : {}),
    log: console.log,
  })
  console.log(JSON.stringify(r, null, 2))
}
