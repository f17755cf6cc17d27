// `npm run import -- <file> [--kind places|resources] [--source name] [--dry-run]`: imports a CSV
// or GeoJSON file into the configured database (DATABASE_URL, or the embedded one in DATA_DIR —
// refused while the server holds it). Kind defaults from the file name ("…places…" → places,
// else resources); source defaults to the file name without extension. Exit 0 = imported (or a
// clean dry run), 1 = refused, with the report's problems on stderr.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { SYSTEM } from '../audit/audit.ts'
import { ConfigError, parseConfig } from '../config.ts'
import { openDatabase } from '../db/connect.ts'
import { StartupError } from '../db/errors.ts'
import { prepareDatabase } from '../db/prepare.ts'
import { ApiError } from '../errors.ts'
import { importCsv, importGeoJson } from './import.ts'

const USAGE =
  'usage: npm run import -- <file.csv|file.geojson> [--kind places|resources] [--source name] [--dry-run]'

function fail(message: string): never {
  console.error(`intrecci: ${message}`)
  process.exit(1)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kind: { type: 'string' },
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
})
const file = positionals[0]
if (!file || positionals.length > 1) fail(USAGE)
if (!fs.existsSync(file)) fail(`no such file: ${file}`)
const base = path.basename(file).replace(/\.[^.]+$/, '')
const kind = values.kind ?? (/place|luog/i.test(base) ? 'places' : 'resources')
if (kind !== 'places' && kind !== 'resources') fail(`--kind must be places or resources\n${USAGE}`)
const source =
  values.source ??
  base
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 50)
const isCsv = /\.(csv|tsv|txt)$/i.test(file)

try {
  const database = await openDatabase(parseConfig(process.env))
  try {
    await prepareDatabase(database)
    const opts = {
      kind,
      source,
      dryRun: values['dry-run'],
      actor: SYSTEM,
      backend: database.kind,
    } as const
    const stream = fs.createReadStream(file)
    const report = isCsv
      ? await importCsv(database.db, stream, opts)
      : await importGeoJson(database.db, stream, opts)
    for (const i of report.issues) console.error(`${file}:${i.line}: ${i.field}: ${i.reason}`)
    if (report.issueCount > report.issues.length) {
      console.error(`… and ${report.issueCount - report.issues.length} more problems`)
    }
    const rate = Math.round(report.rows / Math.max(report.ms / 1000, 0.001))
    console.log(
      `[intrecci] ${kind} from ${file} (source "${source}"): ${report.rows} rows, ` +
        (report.dryRun
          ? `${report.valid} valid (dry run: nothing written)`
          : report.issueCount
            ? 'refused: nothing written'
            : `${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged`) +
        ` in ${report.ms} ms (${rate} rows/s)`,
    )
    if (report.issueCount) process.exitCode = 1
  } finally {
    await database.close()
  }
} catch (err) {
  if (err instanceof StartupError || err instanceof ConfigError) fail(err.message)
  if (err instanceof ApiError) fail(err.message)
  throw err
}
