// Bench: how long a drawn feature takes to reach the people watching the map. The real server
// (api/server.ts, embedded PGlite) over HTTP on 127.0.0.1: VIEWERS open the map's live stream
// (GET /api/maps/{id}/events, Server-Sent Events), one participant draws DRAWINGS points one
// after another, and each viewer notes when each drawing's `feature.created` arrives.
// Delay = arrival − the moment the drawing's POST was sent (what a person drawing would
// perceive on someone else's screen). Reference, measured in the same run: the POST's own
// round trip (the write). Target: p95 ≤ 1 s.
import { spawnSync } from 'node:child_process'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir } from '../helpers/server.ts'
import { SseReader } from '../helpers/sse.ts'

export interface MapsLiveBenchOptions {
  viewers?: number
  drawings?: number
  /** Milliseconds between two drawings (default 150: a brisk group). */
  gapMs?: number
  log?: (message: string) => void
}

export interface Percentiles {
  p50: number
  p95: number
  max: number
}

export interface MapsLiveBenchResult {
  viewers: number
  drawings: number
  /** Milliseconds from sending the POST to each viewer receiving the change. */
  propagation: Percentiles
  /** Milliseconds of the POST round trip alone. */
  write: Percentiles
  /** Deliveries that never arrived (should be 0). */
  missing: number
}

const ADMIN = { email: 'bench-admin@example.org', password: 'bench password 123' }

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! }
}

export async function benchMapsLive(o: MapsLiveBenchOptions = {}): Promise<MapsLiveBenchResult> {
  const viewers = o.viewers ?? 20
  const drawings = o.drawings ?? 30
  const gapMs = o.gapMs ?? 150
  const log = o.log ?? (() => {})
  const dataDir = tempDir('intrecci-bench-maps-')
  // The first admin, made with the CLI before the server holds the data directory.
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
  const readers: SseReader[] = []
  try {
    const base = server.url
    const json = { 'content-type': 'application/json', origin: base }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(ADMIN),
    })
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
    const map = (await (
      await fetch(`${base}/api/maps`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({ title: 'Bench', visibility: 'public' }),
      })
    ).json()) as { id: string }
    const { code } = (await (
      await fetch(`${base}/api/maps/${map.id}/code`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: '{}',
      })
    ).json()) as { code: string }
    const { token } = (await (
      await fetch(`${base}/api/maps/join`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ code, pseudonym: 'Chi disegna' }),
      })
    ).json()) as { token: string }

    // The viewers, each on its own connection, caught up before the first drawing.
    for (let i = 0; i < viewers; i++) {
      const res = await fetch(`${base}/api/maps/${map.id}/events`, {
        headers: { accept: 'text/event-stream' },
      })
      if (res.status !== 200) throw new Error(`stream answered ${res.status}`)
      const r = new SseReader(res.body!)
      await r.nextOf('ready')
      readers.push(r)
    }
    log(`${viewers} viewers connected`)

    const sentAt = new Map<string, number>()
    const arrivals: number[] = []
    let missing = 0
    const listening = readers.map(async (r) => {
      for (let n = 0; n < drawings; n++) {
        try {
          const e = await r.nextOf('change', 10_000)
          const at = performance.now()
          const id = (JSON.parse(e.data) as { feature: { id: string } }).feature.id
          // The POST's answer (with the id) may come after the event: wait for it.
          while (!sentAt.has(id)) await new Promise((res) => setTimeout(res, 1))
          arrivals.push(at - sentAt.get(id)!)
        } catch {
          missing++
        }
      }
    })

    const writes: number[] = []
    for (let n = 0; n < drawings; n++) {
      const t0 = performance.now()
      const res = await fetch(`${base}/api/maps/${map.id}/features`, {
        method: 'POST',
        headers: { ...json, 'x-map-token': token },
        body: JSON.stringify({
          kind: 'point',
          symbol: 'casa',
          title: `Disegno ${n + 1}`,
          geometry: { type: 'Point', coordinates: [7.68 + n / 10_000, 45.07] },
        }),
      })
      const f = (await res.json()) as { id: string }
      writes.push(performance.now() - t0)
      sentAt.set(f.id, t0)
      await new Promise((r) => setTimeout(r, gapMs))
    }
    await Promise.all(listening)
    return {
      viewers,
      drawings,
      propagation: percentiles(arrivals),
      write: percentiles(writes),
      missing,
    }
  } finally {
    for (const r of readers) await r.close()
    await server.stop()
  }
}

// `node --import tsx tests/bench/maps-live.ts [viewers] [drawings]`: run on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchMapsLive({
    viewers: Number(process.argv[2] ?? 20),
    drawings: Number(process.argv[3] ?? 30),
    log: console.log,
  })
  console.log(JSON.stringify(r, null, 2))
}
