// Bench: the viewer in headless Chromium.
//   - time until the map is idle with every public layer on (places, resources, areas, need
//     signals), beside the areas alone in the same run (the foundation's figure);
//   - frame times during a 5 s pan over 1,000,000 places served as vector tiles (PostGIS server
//     only: PGlite would take hours to seed them), beside the same pan with the areas alone.
// Prints numbers; asserts nothing. `node --import tsx tests/bench/viewer.ts` runs it alone.
import { randomBytes } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { chromium, type Browser } from 'playwright-core'
import { openPostgres } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { CHROMIUM_ARGS, idleTimes } from '../helpers/browser.ts'
import { startServer, type RunningServer } from '../helpers/server.ts'
import { seedPlaces } from './places-bbox.ts'

type Report = (name: string, value: string, reference?: string) => void

const ALL_LAYERS = 'layers=places,resources,areas,signals'
const AREAS_ONLY = 'layers=areas'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export interface FrameStats {
  frames: number
  p50: number
  p95: number
  max: number
  over100: number
}

/** Frame intervals (requestAnimationFrame) while the camera pans east for `ms` at zoom `zoom`. */
async function panFrames(browser: Browser, url: string, ms = 5000): Promise<FrameStats> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(url)
  await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 120_000 })
  // A string, not a function: tsx would add helpers (__name) the page does not have.
  const gaps = (await page.evaluate(`(async (ms) => {
    const map = globalThis.__intrecci.map
    await new Promise((r) => (map.loaded() ? r() : map.once('idle', () => r())))
    const out = []
    let last = performance.now()
    let running = true
    const tick = (t) => {
      out.push(t - last)
      last = t
      if (running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    // About 4 screen widths in 5 s, in steps like a hand dragging the map.
    const start = performance.now()
    while (performance.now() - start < ms) {
      map.panBy([80, 12], { duration: 100, easing: (x) => x })
      await new Promise((r) => setTimeout(r, 100))
    }
    running = false
    return out.slice(1)
  })(${ms})`)) as number[]
  await page.close()
  const sorted = [...gaps].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
  return {
    frames: gaps.length,
    p50: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1) ?? NaN,
    over100: gaps.filter((g) => g > 100).length,
  }
}

const frames = (f: FrameStats) =>
  `max ${f.max.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, p50 ${f.p50.toFixed(0)} ms, ${f.over100}/${f.frames} over 100 ms`

export async function benchViewer(report: Report): Promise<void> {
  await buildWebIfStale()
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  let server: RunningServer | undefined
  try {
    server = await startServer({ env: { DATABASE_URL: '' } })
    // One warm-up each: the first tiles of a new database are built on the first request.
    await idleTimes(browser, `${server.url}/?${ALL_LAYERS}`, 1)
    const areasOnly = await idleTimes(browser, `${server.url}/?${AREAS_ONLY}`, 5)
    const all = await idleTimes(browser, `${server.url}/?${ALL_LAYERS}`, 5)
    report(
      'map idle, all public layers (PGlite, median 5)',
      s(median(all)),
      `areas alone ${s(median(areasOnly))} → ${(median(all) / median(areasOnly)).toFixed(2)}×; target ≤ 1.5 s`,
    )
  } finally {
    await server?.stop()
  }

  const base = process.env.DATABASE_URL
  if (!base) {
    report('pan over 1,000,000 places', 'not measured', 'set DATABASE_URL (PostGIS server)')
    await browser.close()
    return
  }
  const name = `intrecci_bench_viewer_${randomBytes(4).toString('hex')}`
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
  })
  await sql`create database ${sql.id(name)}`.execute(admin)
  const url = new URL(base)
  url.pathname = `/${name}`
  const database = await openPostgres(url.toString())
  try {
    await prepareDatabase(database)
    await seedPlaces(database.db, 1_000_000)
    server = await startServer({ env: { DATABASE_URL: url.toString(), DEMO_CONTENT: 'off' } })
    // Turin at a neighbourhood's scale: thousands of places per screen, clustered by the tiles.
    const view = 'map=13/45.06/7.64'
    await panFrames(browser, `${server.url}/?${view}&layers=places`, 2000) // warm-up
    const places = await panFrames(browser, `${server.url}/?${view}&layers=places`)
    const areas = await panFrames(browser, `${server.url}/?${view}&${AREAS_ONLY}`)
    report(
      'pan 5 s over 1,000,000 places (tiles)',
      `${places.max.toFixed(0)} ms max`,
      frames(places),
    )
    report('pan 5 s, areas alone (reference)', `${areas.max.toFixed(0)} ms max`, frames(areas))
    const idle = await idleTimes(browser, `${server.url}/?${view}&${ALL_LAYERS}`, 3)
    report('map idle, all layers, 1,000,000 places (server)', s(median(idle)), 'median of 3')
  } finally {
    await server?.stop()
    await browser.close()
    await database.close()
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchViewer((name, value, reference = '') =>
    console.log(`${name.padEnd(48)} ${value.padEnd(14)} ${reference}`),
  )
}
