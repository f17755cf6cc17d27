// Bench: opening an unconventional map of 5,000 drawings (the most a map holds) in headless
// Chromium, from navigation until the map is first idle with its drawings drawn (MapView's
// ready mark), beside the same page with an empty map in the same run (the reference). The real
// server on PGlite; the drawings (points, lines and areas over San Salvario) go in through the
// GeoJSON import. Target: ≤ 2 s. Prints numbers; asserts nothing.
// `node --import tsx tests/bench/maps-open.ts [runs]` runs it alone.
import { spawnSync } from 'node:child_process'
import { chromium } from 'playwright-core'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { CHROMIUM_ARGS, idleTimes } from '../helpers/browser.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir } from '../helpers/server.ts'

const ADMIN = { email: 'bench-maps@example.org', password: 'bench password 123' }

export interface MapsOpenResult {
  features: number
  /** Navigation → ready (ms), one per run. */
  full: number[]
  empty: number[]
}

/** `n` drawings, a third each of points, lines and small areas, in a 2 × 1.5 km box. */
function drawings(n: number) {
  const features = []
  for (let i = 0; i < n; i++) {
    const x = 7.665 + ((i * 7919) % 1000) * 0.000025
    const y = 45.04 + ((i * 104729) % 1000) * 0.000014
    const kind = (['point', 'line', 'polygon'] as const)[i % 3]!
    const geometry =
      kind === 'point'
        ? { type: 'Point', coordinates: [x, y] }
        : kind === 'line'
          ? {
              type: 'LineString',
              coordinates: [
                [x, y],
                [x + 0.0003, y + 0.0001],
                [x + 0.0005, y - 0.0001],
              ],
            }
          : {
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + 0.0002, y],
                  [x + 0.0002, y + 0.00015],
                  [x, y + 0.00015],
                  [x, y],
                ],
              ],
            }
    const symbol = kind === 'line' ? 'evitare-sera' : 'casa'
    features.push({
      type: 'Feature',
      geometry,
      properties: { kind, symbol, title: `Disegno ${i + 1}`, story: i % 10 ? null : 'Una storia.' },
    })
  }
  return { type: 'FeatureCollection', features }
}

export async function benchMapsOpen(o: { features?: number; runs?: number } = {}) {
  const n = o.features ?? 5000
  const runs = o.runs ?? 5
  await buildWebIfStale()
  const dataDir = tempDir('intrecci-bench-maps-open-')
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'api/cli/admin.ts', 'create', ADMIN.email],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: ADMIN.password },
      encoding: 'utf8',
    },
  )
  if (made.status !== 0) throw new Error(`admin create failed: ${made.stderr || made.stdout}`)
  const server = await startServer({ dataDir, env: { DATABASE_URL: '', DEMO_CONTENT: 'off' } })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const base = server.url
    const json = { 'content-type': 'application/json', origin: base }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(ADMIN),
    })
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
    const create = async (title: string) =>
      (await (
        await fetch(`${base}/api/maps`, {
          method: 'POST',
          headers: { ...json, cookie },
          body: JSON.stringify({ title, visibility: 'public' }),
        })
      ).json()) as { id: string }
    const full = await create('5000 disegni')
    const empty = await create('Vuota')
    const res = await fetch(`${base}/api/maps/${full.id}/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json', origin: base, cookie },
      body: JSON.stringify(drawings(n)),
    })
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`)
    // One warm-up each (the browser's cache of the app's code, PGlite's of the tables).
    await idleTimes(browser, `${base}/mappe/${full.id}`, 1)
    await idleTimes(browser, `${base}/mappe/${empty.id}`, 1)
    return {
      features: n,
      full: await idleTimes(browser, `${base}/mappe/${full.id}`, runs),
      empty: await idleTimes(browser, `${base}/mappe/${empty.id}`, runs),
    } satisfies MapsOpenResult
  } finally {
    await browser.close()
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchMapsOpen({ runs: Number(process.argv[2] ?? 5) })
  console.log(JSON.stringify(r, null, 2))
}
