// Bench: importCsv on 100,000 generated resources, then the same file again (every row
// unchanged), into PGlite in memory or a database of its own on DATABASE_URL's server.
// Target: ≥ 20,000 rows/s on both. Timed as the report does (report.ms: from the first byte read
// to the commit, parse and validation included), each run on its own: CPU time of this process
// is printed beside it, since on a shared machine the wall clock says as much about the others.
//   node --import tsx tests/bench/import-csv.ts [rows]
import { openPglite, openPostgres } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { importCsv } from '../../api/import/import.ts'
import { createServerDatabase } from '../helpers/db.ts'

export interface ImportRun {
  rows: number
  written: number
  ms: number
  rowsPerSecond: number
  /** CPU milliseconds of this process (PGlite's work included; a server's not). */
  cpuMs: number
}

export interface ImportCsvBenchResult {
  backend: 'postgres' | 'pglite'
  insert: ImportRun
  reimport: ImportRun
}

const THEMES = ['food', 'housing', 'work', 'family', 'health', 'education', 'digital']

export function resourcesCsv(rows: number): string {
  const lines = ['external_id,name,organization,themes,email,audience,languages,address,lon,lat']
  for (let i = 0; i < rows; i++) {
    const lon = (7.6 + (i % 1000) * 0.0002).toFixed(6)
    const lat = (45.0 + Math.floor(i / 1000) * 0.0015).toFixed(6)
    lines.push(
      `r${i},Risorsa ${i},Associazione ${i % 300},${THEMES[i % 7]};other,info${i}@example.org,` +
        `famiglie con minori,it|en,Via dei Tigli ${i % 200},${lon},${lat}`,
    )
  }
  return lines.join('\n')
}

export async function benchImportCsv(
  options: { databaseUrl?: string | undefined; rows?: number } = {},
): Promise<ImportCsvBenchResult> {
  const rows = options.rows ?? 100_000
  const server = options.databaseUrl ? await createServerDatabase() : undefined
  const database = server ? await openPostgres(server.url) : await openPglite()
  try {
    await prepareDatabase(database)
    const text = resourcesCsv(rows)
    const actor = { id: null, role: 'system' }
    const run = async (): Promise<ImportRun> => {
      const cpu = process.cpuUsage()
      const r = await importCsv(database.db, text, {
        kind: 'resources',
        source: 'bench',
        actor,
        backend: database.kind,
      })
      const used = process.cpuUsage(cpu)
      if (r.issueCount) throw new Error(JSON.stringify(r.issues.slice(0, 3)))
      return {
        rows: r.rows,
        written: r.written,
        ms: r.ms,
        rowsPerSecond: Math.round(r.rows / (r.ms / 1000)),
        cpuMs: Math.round((used.user + used.system) / 1000),
      }
    }
    const insert = await run()
    const reimport = await run()
    return { backend: database.kind, insert, reimport }
  } finally {
    await database.close()
    await server?.drop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchImportCsv({
    databaseUrl: process.env.DATABASE_URL || undefined,
    ...(process.argv[2] ? { rows: Number(process.argv[2]) } : {}),
  })
  for (const [name, run] of [
    ['insert', r.insert],
    ['re-import (unchanged)', r.reimport],
  ] as const) {
    console.log(
      `${r.backend} ${name}: ${run.rows} rows, ${run.written} written in ${run.ms} ms → ` +
        `${run.rowsPerSecond} rows/s (CPU of this process ${run.cpuMs} ms)`,
    )
  }
}
