// A standard desktop GIS client reads every collection of /ogc as it comes: GDAL/OGR's OAPIF
// driver (ogrinfo, ogr2ogr; Debian's gdal-bin) against the real server, over HTTP, with its
// default settings (pages of 10 features, following `next` links). The server has the demo
// places and resources and 3,000 synthetic need signals.
import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServerDatabase } from '../helpers/db.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'

const run = promisify(execFile)

let server: RunningServer
let dropDatabase: (() => Promise<void>) | undefined
let collections: string[] = []

/** The environment of GDAL: no proxy may stand between it and the server on loopback. */
function gdalEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const k of Object.keys(env)) if (/_proxy$/i.test(k)) delete env[k]
  return { ...env, GDAL_HTTP_TIMEOUT: '60' }
}

async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]) {
  const { stdout } = await run(tool, args, {
    env: gdalEnv(),
    maxBuffer: 512 * 1024 * 1024,
    timeout: 240_000,
  })
  return stdout
}

/** The synthetic-signals command on the database the server will use (before it starts: the
 * embedded database takes one process at a time). */
function addSignals(env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const args = ['--import', 'tsx', 'api/synthetic/cli.ts', 'signals', '3000', '--seed', '5']
    const child = spawn(process.execPath, [...args, '--as-of', '2026-01-15'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`synthetic signals: exit ${code}\n${out}`)),
    )
  })
}

/** The geometry types the features of a collection have (maps' drawings: any of three). */
const geometryOf = (id: string) =>
  id === 'maps'
    ? ['Point', 'LineString', 'Polygon']
    : ['places', 'resources'].includes(id)
      ? ['Point']
      : id.startsWith('need-signals-hex')
        ? ['Polygon']
        : ['MultiPolygon']

const api = async <T>(path: string) => {
  const res = await fetch(`${server.url}${path}`)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

beforeAll(async () => {
  const dataDir = tempDir()
  let databaseUrl = ''
  if (process.env.DATABASE_URL) {
    const created = await createServerDatabase()
    databaseUrl = created.url
    dropDatabase = created.drop
  }
  await addSignals({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl })
  server = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } })
  const doc = await api<{ collections: { id: string }[] }>('/ogc/collections')
  collections = doc.collections.map((c) => c.id)
}, 300_000)

afterAll(async () => {
  await server?.stop()
  await dropDatabase?.()
})

describe('GDAL/OGR reads /ogc', { timeout: 300_000 }, () => {
  it('lists every collection as a layer, with its geometry type', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/ogc`])
    const layers = [...out.matchAll(/^\d+: (\S+) \(title: [^)]*\)(?: \((.+)\))?$/gm)]
    expect(layers.map((m) => m[1])).toEqual(collections)
    expect(collections).toHaveLength(13)
    const type = Object.fromEntries(layers.map((m) => [m[1], m[2]]))
    expect(type.places).toBe('Point')
    expect(type.zones).toBe('Multi Polygon')
    expect(type['need-signals-by-zone']).toBe('Multi Polygon')
  })

  it('reads every collection whole: the features the API counts, and the same ones', async () => {
    const counts: Record<string, number> = {}
    for (const id of collections) {
      const all = await api<{ numberMatched: number; features: { id: string }[] }>(
        `/ogc/collections/${id}/items?limit=10000`,
      )
      expect(all.features).toHaveLength(all.numberMatched)
      counts[id] = all.numberMatched

      const summary = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/ogc`, id])
      expect(summary, id).toContain(`Feature Count: ${all.numberMatched}`)
      expect(summary).toMatch(/Extent: \(7\.\d+, 4[45]\.\d+\) - \(7\.\d+, 45\.\d+\)/)

      const geojson = await gdal('ogr2ogr', [
        '-f',
        'GeoJSON',
        '/vsistdout/',
        `OAPIF:${server.url}/ogc`,
        id,
      ])
      const read = JSON.parse(geojson) as {
        features: { properties: { id: string }; geometry: { type: string } | null }[]
      }
      expect(read.features.length, id).toBe(all.numberMatched)
      expect(read.features.map((f) => f.properties.id).sort(), id).toEqual(
        all.features.map((f) => f.id).sort(),
      )
      for (const f of read.features) expect(geometryOf(id), id).toContain(f.geometry?.type)
      if (id.startsWith('need-signals')) {
        // Counts only, as the public reads them: never 1–4, never a point.
        for (const f of read.features as unknown as { properties: { count: unknown } }[]) {
          const n = f.properties.count === null ? null : Number(f.properties.count)
          if (n !== null) expect(n % 5, id).toBe(0)
        }
      }
    }
    // The demo content, every area, and cells for the synthetic signals: nothing read is empty.
    expect(counts.places).toBeGreaterThan(100)
    expect(counts.resources).toBeGreaterThan(100)
    expect(counts.zones).toBe(94)
    expect(counts['need-signals-hex-500']).toBeGreaterThan(100)
  })
})
