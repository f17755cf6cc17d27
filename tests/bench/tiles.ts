// Bench: vector tiles on the PostGIS server with many points (default 1,000,000 places and 50,000
// resources, plus the real areas, parks and a few thousand need signals), a fixed random sample
// of distinct tiles over z8–16 around Turin, fetched over HTTP on loopback by a small concurrent
// fetch loop, against the same tiles built by the same SQL run directly through pg (renderTile,
// the statements the route runs) in the same run, on the same data. Also: 304 revalidations per
// second, the largest tile, tiles served from the API's memory cache, and the PGlite encoder's
// tiles per second with 100,000 places. Targets: API ≥ 0.85× the SQL's throughput; p95 ≤ 50 ms
// at z14. Not a test: it measures, it asserts nothing.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { openPglite, openPostgres } from '../../api/db/connect.ts'
import type { Database } from '../../api/db/database.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { generateSignals } from '../../api/synthetic/signals.ts'
import { findLayer } from '../../tiles/layers.ts'
import { renderTile } from '../../tiles/render.ts'
import { tileAt, type TileCoord } from '../../tiles/tile-math.ts'
import { startServer, type RunningServer } from '../helpers/server.ts'
import { seedPlaces } from './places-bbox.ts'

export interface TilesBenchOptions {
  /** A PostgreSQL + PostGIS server URL; a database of its own is created there and dropped. */
  databaseUrl: string
  places?: number
  resources?: number
  /** Distinct tiles in the sample (default 600). */
  tiles?: number
  /** Requests in flight at once, on each side (default 8). */
  concurrency?: number
  log?: (message: string) => void
}

export interface Timing {
  tilesPerSecond: number
  p50: number
  p95: number
}

export interface TilesBenchResult {
  places: number
  resources: number
  tiles: number
  concurrency: number
  seedMs: number
  api: Timing
  sql: Timing
  /** The same runs, percentiles of the z14 tiles only. */
  apiZ14: Timing
  sqlZ14: Timing
  /** Other z14 tiles, one request at a time. */
  apiZ14Alone: Timing
  sqlZ14Alone: Timing
  revalidate: Timing
  cached: Timing
  largest: { layer: string; tile: string; bytes: number; gzipBytes: number }
  emptyShare: number
}

/** Around Turin: the city and the near CIdiS municipalities (EPSG:4326). */
const AROUND_TURIN = [7.52, 44.98, 7.78, 45.14] as const
/** The layers sampled, with their weight: points dominate, as they dominate the data. */
const SAMPLED = [
  ['places', 5],
  ['resources', 2],
  ['areas-zone', 1],
  ['signals', 1],
] as const

/** A fixed pseudo-random sequence (mulberry32), so runs compare. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Sampled {
  layer: string
  tile: TileCoord
}

const pathOf = (s: Sampled) => `/tiles/${s.layer}/${s.tile.z}/${s.tile.x}/${s.tile.y}.mvt`

/** Distinct tiles: zoom uniform over 8–16 (within each layer's range), position uniform;
 * `zooms` narrows the range, `exclude` skips tiles already sampled. */
export function sampleTiles(
  n: number,
  seed = 7,
  {
    zooms = [8, 16],
    exclude = new Set<string>(),
  }: { zooms?: [number, number]; exclude?: Set<string> } = {},
): Sampled[] {
  const rand = random(seed)
  const weights = SAMPLED.flatMap(([layer, w]) => Array<string>(w).fill(layer))
  const seen = new Set<string>(exclude)
  const out: Sampled[] = []
  // The whole territory in one z8 tile of places: the biggest clustering job there is.
  if (zooms[0] <= 8) {
    out.push({ layer: 'places', tile: tileAt(7.68, 45.07, 8) })
    seen.add(pathOf(out[0]!))
  }
  for (let guard = 0; out.length < n && guard < n * 50; guard++) {
    const layer = findLayer(weights[Math.floor(rand() * weights.length)]!)!
    const z = zooms[0] + Math.floor(rand() * (zooms[1] - zooms[0] + 1))
    if (z < layer.minzoom || z > layer.maxzoom) continue
    const [w, s, e, nn] = AROUND_TURIN
    const tile = tileAt(w + rand() * (e - w), s + rand() * (nn - s), z)
    const item = { layer: layer.id, tile }
    if (seen.has(pathOf(item))) continue
    seen.add(pathOf(item))
    out.push(item)
  }
  return out
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN
}

interface Run<T> {
  times: { item: T; ms: number }[]
  wallMs: number
}

/** Runs `one` over `items`, `concurrency` at a time; milliseconds per item and wall time. */
async function pool<T>(items: T[], concurrency: number, one: (item: T) => Promise<void>) {
  const times: Run<T>['times'] = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!
        const t = performance.now()
        await one(item)
        times.push({ item, ms: performance.now() - t })
      }
    }),
  )
  return { times, wallMs: performance.now() - t0 }
}

/** Throughput over the runs' wall time; percentiles over the items `keep` selects. */
function timing<T>(runs: Run<T>[], keep: (item: T) => boolean = () => true): Timing {
  const all = runs.flatMap((r) => r.times)
  const wall = runs.reduce((n, r) => n + r.wallMs, 0)
  const times = all.filter((t) => keep(t.item)).map((t) => t.ms)
  return { tilesPerSecond: (all.length / wall) * 1000, p50: pct(times, 0.5), p95: pct(times, 0.95) }
}

export async function seedResources(db: Kysely<Database>, rows: number): Promise<void> {
  const [w, s, e, n] = [7.35, 44.9, 7.9, 45.25]
  await sql`select setseed(0.24)`.execute(db)
  await sql`
    insert into resources (name, themes, geom, status, search_text)
    select 'Risorsa ' || i,
           array[(array['food','housing','work','family','health','education','digital',
                         'social_ties','legal_debt','other'])[1 + i % 10]],
           ST_SetSRID(ST_MakePoint(${w}::float8 + random() * ${e - w}::float8,
                                   ${s}::float8 + random() * ${n - s}::float8), 4326),
           case when i % 20 = 0 then 'pending' else 'published' end,
           'risorsa ' || i
    from generate_series(1, ${rows}::int) as i`.execute(db)
  await sql`analyze resources`.execute(db)
}

export async function benchTiles(options: TilesBenchOptions): Promise<TilesBenchResult> {
  const places = options.places ?? 1_000_000
  const resources = options.resources ?? 50_000
  const concurrency = options.concurrency ?? 8
  const log = options.log ?? (() => {})
  const sample = sampleTiles(options.tiles ?? 600)

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
    await prepareDatabase(database)
    log(`tiles bench: seeding ${places} places, ${resources} resources…`)
    const t0 = performance.now()
    await seedPlaces(database.db, places)
    await seedResources(database.db, resources)
    await generateSignals(database.db, { count: 5000, seed: 3, asOf: '2026-01-15' })
    await sql`analyze`.execute(database.db)
    const seedMs = performance.now() - t0
    server = await startServer({ env: { DATABASE_URL: url.toString() } })
    const base = server.url

    // The raw side: the statements the route runs, through pg, no HTTP and no cache.
    const sizes = new Map<string, number>()
    const viaSql = async (s: Sampled) => {
      const body = await renderTile(database.db, 'postgres', findLayer(s.layer)!, s.tile, {})
      sizes.set(pathOf(s), body.byteLength)
    }
    const etags = new Map<string, string>()
    const gzSizes = new Map<string, number>()
    // The load generator: node:http with keep-alive, reading the gzipped body as it comes
    // (a browser would inflate it; the server's work is the same), lighter than fetch, so that
    // the client takes as little as it can of the two shared cores.
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; etag: string | undefined; bytes: number }>(
        (resolve, reject) => {
          const req = http.get(
            base + path,
            { agent, headers: { 'accept-encoding': 'gzip', ...headers } },
            (res) => {
              let bytes = 0
              res.on('data', (chunk: Buffer) => (bytes += chunk.length))
              res.on('end', () =>
                resolve({ status: res.statusCode!, etag: res.headers.etag, bytes }),
              )
              res.on('error', reject)
            },
          )
          req.on('error', reject)
        },
      )
    const viaApi = async (s: Sampled) => {
      const res = await get(pathOf(s))
      if (res.status !== 200 && res.status !== 204) throw new Error(`${pathOf(s)}: ${res.status}`)
      gzSizes.set(pathOf(s), res.bytes)
      if (res.etag) etags.set(pathOf(s), res.etag)
    }

    log(`tiles bench: ${sample.length} distinct tiles; warming the server's buffers…`)
    await pool(sample, concurrency, viaSql)
    // Each side builds every tile once (the API never sees a tile twice: no cache hit), in
    // chunks alternating SQL-API and API-SQL, so that both meet the same machine load (this
    // machine is shared) and neither always goes first.
    const CHUNK = 50
    const sqlRuns: Run<Sampled>[] = []
    const apiRuns: Run<Sampled>[] = []
    for (let i = 0; i * CHUNK < sample.length; i++) {
      const chunk = sample.slice(i * CHUNK, (i + 1) * CHUNK)
      if (i % 2 === 0) {
        sqlRuns.push(await pool(chunk, concurrency, viaSql))
        apiRuns.push(await pool(chunk, concurrency, viaApi))
      } else {
        apiRuns.push(await pool(chunk, concurrency, viaApi))
        sqlRuns.push(await pool(chunk, concurrency, viaSql))
      }
    }
    const h1 = sample.slice(0, Math.ceil(sample.length / 2))
    const atZ14 = (s: Sampled) => s.tile.z === 14

    // Revalidation: every versioned tile of the first half, five times, with its ETag.
    const revalidations = h1
      .filter((s) => findLayer(s.layer)!.etag === 'version' && etags.has(pathOf(s)))
      .flatMap((s) => Array<Sampled>(5).fill(s))
    const revalidate = timing([
      await pool(revalidations, concurrency, async (s) => {
        const res = await get(pathOf(s), { 'if-none-match': etags.get(pathOf(s))! })
        if (res.status !== 304) throw new Error(`${pathOf(s)}: ${res.status}, not 304`)
      }),
    ])
    const cached = timing([await pool(h1, concurrency, viaApi)])

    // Latency at z14 with one request at a time (the loaded figures above include the wait
    // behind the other seven requests on two cores): other z14 tiles, never built before,
    // alternating which side goes first.
    const z14 = sampleTiles(100, 23, { zooms: [14, 14], exclude: new Set(sample.map(pathOf)) })
    const z14Sql: Run<Sampled>[] = []
    const z14Api: Run<Sampled>[] = []
    for (const [i, s] of z14.entries()) {
      const sides = [() => pool([s], 1, viaSql), () => pool([s], 1, viaApi)] as const
      if (i % 2 === 0) {
        z14Sql.push(await sides[0]())
        z14Api.push(await sides[1]())
      } else {
        z14Api.push(await sides[1]())
        z14Sql.push(await sides[0]())
      }
    }
    agent.destroy()

    const [largestPath, largestBytes] = [...sizes].sort((a, b) => b[1] - a[1])[0]!
    const largest = {
      layer: largestPath.split('/')[2]!,
      tile: largestPath.split('/').slice(3).join('/'),
      bytes: largestBytes,
      gzipBytes: gzSizes.get(largestPath) ?? NaN,
    }
    return {
      places,
      resources,
      tiles: sample.length,
      concurrency,
      seedMs,
      api: timing(apiRuns),
      sql: timing(sqlRuns),
      apiZ14: timing(apiRuns, atZ14),
      sqlZ14: timing(sqlRuns, atZ14),
      apiZ14Alone: timing(z14Api),
      sqlZ14Alone: timing(z14Sql),
      revalidate,
      cached,
      largest,
      emptyShare: [...sizes.values()].filter((b) => b === 0).length / sizes.size,
    }
  } finally {
    await server?.stop()
    await database.close()
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  }
}

/** The PGlite encoder (tile_geom + vt-pbf), one tile at a time as PGlite serves them. */
export async function benchPgliteTiles(options: { places?: number; tiles?: number } = {}) {
  const places = options.places ?? 100_000
  const database = await openPglite()
  try {
    await prepareDatabase(database)
    await seedPlaces(database.db, places)
    await generateSignals(database.db, { count: 2000, seed: 3, asOf: '2026-01-15' })
    const sample = sampleTiles(options.tiles ?? 200, 11)
    // The first tiles compile PGlite's code paths: not what a running server pays.
    for (const s of sample.slice(0, 5)) {
      await renderTile(database.db, 'pglite', findLayer(s.layer)!, s.tile, {})
    }
    const run = await pool(sample, 1, async (s) => {
      await renderTile(database.db, 'pglite', findLayer(s.layer)!, s.tile, {})
    })
    return { places, tiles: sample.length, ...timing([run]) }
  } finally {
    await database.close()
  }
}

// `node --import tsx tests/bench/tiles.ts [places]`: run on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('set DATABASE_URL to a PostgreSQL + PostGIS server')
  const r = await benchTiles({
    databaseUrl,
    places: Number(process.argv[2] ?? 1_000_000),
    log: console.log,
  })
  console.log(JSON.stringify(r, null, 2))
  console.log(JSON.stringify(await benchPgliteTiles(), null, 2))
}
