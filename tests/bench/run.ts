// `npm run bench`: the foundation's figures, each beside a reference measured in the same run.
//   start: first and warm start on PGlite (reference: bare PGlite + PostGIS opening the same
//          data), start on the PostGIS server when DATABASE_URL is set
//   memory: RSS at idle
//   areas: GET /api/areas?kind=zone over HTTP against the raw SQL behind it
//   web: initial JS (gzip) and time until the map is idle in headless Chromium
//   tiles: vector tiles through the API against the raw SQL, 304s, largest tile (server), and
//          the PGlite encoder (tests/bench/tiles.ts); BENCH_TILES=off skips them,
//          BENCH_TILES_PLACES / BENCH_TILES_LITE_PLACES set the sizes
//   viewer: idle with every public layer on; frames while panning over 1,000,000 places
//   maps live: a drawn feature reaching 20 viewers of the map's live stream (SSE)
//   maps open: a map of 5,000 drawings until idle in headless Chromium, beside an empty one
//   content: CSV import of 100,000 resources, GET /api/places?bbox against its raw SQL over
//          1,000,000 places, aggregate of need signals by zone over 1,000,000 — on the server
//          when DATABASE_URL is set, and on PGlite at 100,000 (tests/bench/import-csv.ts,
//          places-bbox.ts, signals-aggregate.ts); BENCH_CONTENT=off skips them
// Not a test: it prints numbers, it asserts nothing.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { chromium } from 'playwright-core'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'
import { CHROMIUM_ARGS, idleTimes } from '../helpers/browser.ts'
import { bareMapIdle } from './bare-map.ts'
import { benchViewer } from './viewer.ts'
import { benchMapsLive } from './maps-live.ts'
import { benchImportCsv } from './import-csv.ts'
import { benchPlacesBbox } from './places-bbox.ts'
import { benchSignalsAggregate } from './signals-aggregate.ts'
import { benchMapsOpen } from './maps-open.ts'
import { benchPgliteTiles, benchTiles } from './tiles.ts'

const rows: [string, string, string][] = []
const report = (name: string, value: string, reference = '') => {
  rows.push([name, value, reference])
  console.log(`${name.padEnd(44)} ${value.padEnd(14)} ${reference}`)
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!

function readyMs(server: RunningServer): number {
  const m = /ready in ([\d.]+) s/.exec(server.output())
  return m ? Number(m[1]) * 1000 : NaN
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

async function timeRequests(url: string, n: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    times.push(performance.now() - t0)
  }
  return times
}

await buildWebIfStale()
const dir = tempDir('intrecci-bench-')

// Start-up on PGlite: first start (creates and migrates the database), then a warm start.
const first = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
report('PGlite first start (ready)', s(readyMs(first)))
await first.stop()
const warm = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
// Reference: the bare engine opening the same data (the floor any app on PGlite pays).
await warm.stop()
const t0 = performance.now()
const bare = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), extensions: { postgis } })
await bare.query('select postgis_lib_version()')
const bareMs = performance.now() - t0
await bare.close()
const warm2 = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
report(
  'PGlite warm start (ready)',
  s(readyMs(warm2)),
  `bare PGlite+PostGIS open ${s(bareMs)} → ${(readyMs(warm2) / bareMs).toFixed(2)}×`,
)
await new Promise((r) => setTimeout(r, 3000))
report('PGlite idle RSS', `${rssMb(warm2.proc.pid!).toFixed(0)} MB`, 'target ≤ 1024 MB')

// The areas endpoint against the raw SQL behind it, on the same data.
const apiTimes = await timeRequests(`${warm2.url}/api/areas?kind=zone`, 30)
await warm2.stop()
const raw = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), extensions: { postgis } })
const rawTimes: number[] = []
for (let i = 0; i < 30; i++) {
  const t = performance.now()
  await raw.query(`select a.id, a.kind, a.code, a.name, a.parent_id, p.name, a.population, a.indicators,
    ST_AsGeoJSON(a.geom, 7)::json, json_build_array(ST_XMin(a.geom), ST_YMin(a.geom), ST_XMax(a.geom), ST_YMax(a.geom))
    from areas a left join areas p on p.id = a.parent_id where a.kind = 'zone' order by a.kind, a.code`)
  rawTimes.push(performance.now() - t)
}
await raw.close()
report(
  'GET /api/areas?kind=zone p50 (PGlite)',
  `${median(apiTimes).toFixed(1)} ms`,
  `raw SQL ${median(rawTimes).toFixed(1)} ms → ${(median(apiTimes) / median(rawTimes)).toFixed(2)}× (p95 ${pct(apiTimes, 0.95).toFixed(1)} ms)`,
)

if (process.env.DATABASE_URL) {
  const server = await startServer()
  report('PostGIS server start (ready)', s(readyMs(server)))
  await new Promise((r) => setTimeout(r, 3000))
  report('PostGIS server idle RSS', `${rssMb(server.proc.pid!).toFixed(0)} MB`, 'target ≤ 200 MB')
  const times = await timeRequests(`${server.url}/api/areas?kind=zone`, 30)
  report(
    'GET /api/areas?kind=zone p50 (server)',
    `${median(times).toFixed(1)} ms`,
    `p95 ${pct(times, 0.95).toFixed(1)} ms`,
  )
  await server.stop()
} else {
  report('PostGIS server', 'not measured', 'set DATABASE_URL to measure it')
}

// The web app: initial JS (scripts and module preloads of index.html) and map idle time.
const dist = path.join(ROOT, 'dist/web')
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
const initial = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!)
const gz = initial.reduce((sum, f) => sum + gzipSync(fs.readFileSync(path.join(dist, f))).length, 0)
// What the server sends a browser that takes Brotli: the build's .br copies (files under 1 KB go
// as they are).
const sent = (f: string) => [`${f}.br`, f].find((p) => fs.existsSync(path.join(dist, p)))!
const br = initial.reduce((sum, f) => sum + fs.statSync(path.join(dist, sent(f))).size, 0)
report(
  'initial JS (gzip)',
  `${(gz / 1024).toFixed(0)} KB`,
  `${initial.length} files; target ≤ 400 KB; as sent with Brotli ${(br / 1024).toFixed(0)} KB`,
)

// On the database of the start-up figures (a deployment's, with its demo content): the first
// visit after the start is reported apart (PGlite is still warming the first view's tiles
// then), the median of the five visits after it is the figure.
const web = await startServer({ dataDir: dir, env: { DATABASE_URL: '' } })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
// Navigation start → the map's first idle, by the page's own clock.
const idle = await idleTimes(browser, web.url, 6)
// The reference: MapLibre alone, in the same browser (tests/bench/bare-map.ts).
const bareIdle = (await bareMapIdle(browser, 6)).slice(1)
await browser.close()
await web.stop()
report(
  'map idle in Chromium (median of 5)',
  s(median(idle.slice(1))),
  `first visit after the start ${s(idle[0]!)}; all ${idle.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; target ≤ 1.5 s`,
)
report(
  'bare MapLibre page idle (reference, median 5)',
  s(median(bareIdle)),
  `the app's map ${(median(idle.slice(1)) / median(bareIdle)).toFixed(2)}× it: what this machine's software WebGL needs for any map`,
)

// The viewer: all public layers on, and panning over 1,000,000 places (tests/bench/viewer.ts).
await benchViewer(report)

// Unconventional maps: propagation of a drawing to 20 live viewers (tests/bench/maps-live.ts).
const live = await benchMapsLive({ viewers: 20, drawings: 30 })
report(
  'map drawing → 20 live viewers p50 (PGlite)',
  `${live.propagation.p50.toFixed(0)} ms`,
  `p95 ${live.propagation.p95.toFixed(0)} ms, target ≤ 1000 ms; the POST alone p50 ` +
    `${live.write.p50.toFixed(0)} ms → ${(live.propagation.p50 / live.write.p50).toFixed(2)}×; ` +
    `${live.missing} missing`,
)

// Unconventional maps: opening a map of 5,000 drawings until idle (tests/bench/maps-open.ts).
const opened = await benchMapsOpen({ features: 5000, runs: 5 })
report(
  'map of 5,000 drawings idle in Chromium (median of 5)',
  s(median(opened.full)),
  `empty map ${s(median(opened.empty))} → ${(median(opened.full) / median(opened.empty)).toFixed(2)}×; ` +
    'target ≤ 2 s',
)

// Vector tiles (tests/bench/tiles.ts).
if (process.env.BENCH_TILES === 'off') {
  report('vector tiles', 'not measured', 'BENCH_TILES=off')
} else {
  const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
  if (process.env.DATABASE_URL) {
    const t = await benchTiles({
      databaseUrl: process.env.DATABASE_URL,
      places: size('BENCH_TILES_PLACES', 1_000_000),
      resources: size('BENCH_TILES_RESOURCES', 50_000),
      log: (m) => console.log(m),
    })
    const where = `${t.places.toLocaleString('en')} places, ${t.tiles} tiles z8–16, ${t.concurrency} at once`
    report(
      'tiles/s through the API (server)',
      `${t.api.tilesPerSecond.toFixed(0)}/s`,
      `raw SQL ${t.sql.tilesPerSecond.toFixed(0)}/s → ${(t.api.tilesPerSecond / t.sql.tilesPerSecond).toFixed(2)}×, target ≥ 0.85×; ${where}`,
    )
    report(
      'tile p50 / p95 through the API (server)',
      `${t.api.p50.toFixed(0)} / ${t.api.p95.toFixed(0)} ms`,
      `raw SQL ${t.sql.p50.toFixed(0)} / ${t.sql.p95.toFixed(0)} ms`,
    )
    report(
      'tile p95 at z14 through the API (server)',
      `${t.apiZ14.p95.toFixed(0)} ms`,
      `p50 ${t.apiZ14.p50.toFixed(0)} ms; raw SQL p95 ${t.sqlZ14.p95.toFixed(0)} ms; ${t.concurrency} requests at once`,
    )
    report(
      'tile p95 at z14, one at a time (server)',
      `${t.apiZ14Alone.p95.toFixed(0)} ms`,
      `p50 ${t.apiZ14Alone.p50.toFixed(0)} ms; raw SQL p50/p95 ${t.sqlZ14Alone.p50.toFixed(0)}/${t.sqlZ14Alone.p95.toFixed(0)} ms; target ≤ 50 ms`,
    )
    report(
      '304 revalidations/s (server)',
      `${t.revalidate.tilesPerSecond.toFixed(0)}/s`,
      `p95 ${t.revalidate.p95.toFixed(1)} ms; tiles from the API's cache ${t.cached.tilesPerSecond.toFixed(0)}/s`,
    )
    report(
      'largest tile (server)',
      `${(t.largest.bytes / 1024).toFixed(0)} KB`,
      `${t.largest.layer} ${t.largest.tile}, ${(t.largest.gzipBytes / 1024).toFixed(0)} KB gzipped; limit 500 KB; ${(t.emptyShare * 100).toFixed(0)} % of the sample empty`,
    )
  } else {
    report('vector tiles (server)', 'not measured', 'set DATABASE_URL to measure them')
  }
  const lite = await benchPgliteTiles({ places: size('BENCH_TILES_LITE_PLACES', 100_000) })
  report(
    'PGlite tile encoder',
    `${lite.tilesPerSecond.toFixed(1)} tiles/s`,
    `${lite.places.toLocaleString('en')} places, ${lite.tiles} tiles one at a time; p50 ${lite.p50.toFixed(0)} ms, p95 ${lite.p95.toFixed(0)} ms`,
  )
}

// Content (issue 4): import, bbox list, aggregate — server at full size, PGlite at 100,000.
if (process.env.BENCH_CONTENT !== 'off') {
  const contentBackends = [
    ...(process.env.DATABASE_URL
      ? [{ name: 'server', databaseUrl: process.env.DATABASE_URL }]
      : []),
    { name: 'PGlite', databaseUrl: undefined },
  ]
  for (const { name, databaseUrl } of contentBackends) {
    const imp = await benchImportCsv({ databaseUrl })
    report(
      `CSV import 100,000 resources (${name})`,
      `${imp.insert.rowsPerSecond} rows/s`,
      `target ≥ 20,000; re-import unchanged ${imp.reimport.rowsPerSecond} rows/s; ` +
        `CPU of the importing process ${(imp.insert.cpuMs / 1000).toFixed(1)} s`,
    )
    const bbox = await benchPlacesBbox({ databaseUrl })
    const p = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)}/${x.p95.toFixed(1)} ms`
    const r = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2)}×/${x.p95.toFixed(2)}×`
    report(
      `GET /api/places?bbox p50/p95 (${name}, ${bbox.rows.toLocaleString('en')})`,
      p(bbox.api),
      `raw SQL ${p(bbox.sql)} → ${r(bbox.ratio)}, target ≤ 1.3×; with fetch() as client ` +
        `${p(bbox.fetch)} → ${r(bbox.fetchRatio)}`,
    )
    const agg = await benchSignalsAggregate({ databaseUrl })
    report(
      `signals by zone p50/p95 (${name}, ${agg.signals.toLocaleString('en')})`,
      p(agg.zones.api),
      `target ≤ 500 ms; SQL ${p(agg.zones.sql)}; one theme over a year ${p(agg.zonesThemeYear.api)}; ` +
        `hexagons of 1 km ${p(agg.hex1000.api)}`,
    )
  }
}

fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true })
fs.writeFileSync(path.join(ROOT, 'test-results/bench.json'), JSON.stringify(rows, null, 2))
