// Times importCsv on 100,000 generated resources (PGlite in memory, or DATABASE_URL's server):
//   node --import tsx tests/bench/import-csv.ts [rows]
import { openPglite, openPostgres } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { importCsv } from '../../api/import/import.ts'
import { createServerDatabase } from '../helpers/db.ts'

const rows = Number(process.argv[2] ?? 100_000)
const THEMES = ['food', 'housing', 'work', 'family', 'health', 'education', 'digital']
function csv(): string {
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

const server = process.env.DATABASE_URL ? await createServerDatabase() : undefined
const database = server ? await openPostgres(server.url) : await openPglite()
try {
  await prepareDatabase(database)
  const text = csv()
  const actor = { id: null, role: 'system' }
  for (const run of ['insert', 'update (unchanged)']) {
    const r = await importCsv(database.db, text, { kind: 'resources', source: 'bench', actor })
    if (r.issueCount) throw new Error(JSON.stringify(r.issues.slice(0, 3)))
    console.log(
      `${database.kind} ${run}: ${r.rows} rows, ${r.written} written in ${r.ms} ms → ` +
        `${Math.round(r.rows / (r.ms / 1000))} rows/s`,
    )
  }
} finally {
  await database.close()
  await server?.drop()
}
