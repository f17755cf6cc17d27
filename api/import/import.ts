// Bulk import of places and resources from CSV or GeoJSON (POST /api/import/…, `npm run import`,
// the demo content). Records are validated one by one as they stream in; a real run writes them
// in batches inside ONE transaction, so a file with any bad row writes nothing (the report says
// which rows and why). Rows are keyed by (source, external_id): importing a file again updates
// what changed and never duplicates. One audit row summarises each import.
// Speed (tests/bench/import-csv.ts): on a server the database writes one batch while the next
// is parsed; on the embedded database a large import rebuilds the table's secondary indexes once
// at the end instead of maintaining them row by row (deferSecondaryIndexes).
import { sql, type Kysely } from 'kysely'
import type { Actor } from '../audit/audit.ts'
import { audit } from '../audit/audit.ts'
import { DEFAULT_TERRITORY_BBOX, type Bbox } from '../config.ts'
import type { DatabaseKind } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import {
  countUpTo,
  deferSecondaryIndexes,
  upsertPlaces,
  upsertResources,
} from './import.repository.ts'
import { csvRecords, geojsonRecords, type ImportInput, type NumberedRecord } from './readers.ts'
import {
  COLUMNS,
  GEOMETRY_COLUMNS,
  rowFor,
  type ImportKind,
  type ImportRow,
  type Issue,
  type PlaceImportRow,
  type ResourceImportRow,
} from './rows.ts'

/** Rows one import may hold; more is refused (413) before anything is written. */
export const MAX_IMPORT_ROWS = 100_000
/** Rows per INSERT … ON CONFLICT statement: on a server, small enough that the database writes
 * one batch while the next is parsed; on PGlite (one thread, nothing to overlap) larger, as each
 * statement costs its own planning and protocol round. */
export const BATCH_ROWS = { postgres: 1000, pglite: 5000 } as const satisfies Record<
  DatabaseKind,
  number
>
/** On PGlite, an import that has written this many rows, and at least as many as the table held
 * before it, rebuilds the secondary indexes at the end rather than maintaining them row by row
 * (below that, or into a bigger table, the rebuild would cost more than it saves). */
export const DEFER_INDEXES_AFTER = 10_000
/** Problems listed in a report (all are counted). */
export const MAX_REPORTED_ISSUES = 1000

export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,49}$/

export interface ImportOptions {
  kind: ImportKind
  /** Names the import; external ids are unique within it. */
  source: string
  dryRun?: boolean
  actor: Actor
  territory?: Bbox
  maxRows?: number
  /** The database behind `db` (default 'postgres': the plain path, right on both). */
  backend?: DatabaseKind
  /** Overrides DEFER_INDEXES_AFTER (tests). */
  deferIndexesAfter?: number
}

export interface ImportReport {
  kind: ImportKind
  source: string
  format: 'csv' | 'geojson'
  dryRun: boolean
  /** Records read (header excluded). */
  rows: number
  /** Records without problems. */
  valid: number
  /** Rows inserted or changed (0 for a dry run or a refused file). */
  written: number
  inserted: number
  updated: number
  unchanged: number
  /** Every problem counted; the first MAX_REPORTED_ISSUES listed in `issues`. */
  issueCount: number
  issues: Issue[]
  ignoredColumns: string[]
  ms: number
}

class Refused extends Error {}

function checkHeader(kind: ImportKind, columns: string[]): string[] {
  const has = new Set(columns)
  const required =
    kind === 'places' ? ['external_id', 'name', 'category'] : ['external_id', 'name', 'themes']
  const missing = required.filter((c) => !has.has(c))
  if (!has.has('wkt') && !(has.has('lon') && has.has('lat'))) missing.push('lon, lat (or wkt)')
  if (missing.length) {
    throw new ApiError(
      400,
      'invalid_input',
      `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
      missing.map((field) => ({ field, message: 'missing column' })),
    )
  }
  const known = new Set<string>([...COLUMNS[kind], ...GEOMETRY_COLUMNS])
  return columns.filter((c) => c && !known.has(c))
}

export async function importRecords(
  db: Kysely<Database>,
  batches: AsyncIterable<NumberedRecord[]>,
  opts: ImportOptions & { format: 'csv' | 'geojson' },
  ignored: () => string[] = () => [],
): Promise<ImportReport> {
  const t0 = performance.now()
  if (!SOURCE_PATTERN.test(opts.source)) {
    throw new ApiError(400, 'invalid_input', 'source: lower-case letters, digits, . _ - (max 50)', [
      { field: 'source', message: 'lower-case letters, digits, . _ - (max 50)' },
    ])
  }
  const max = opts.maxRows ?? MAX_IMPORT_ROWS
  const territory = opts.territory ?? DEFAULT_TERRITORY_BBOX
  const toRow = rowFor(opts.kind)
  const report: ImportReport = {
    kind: opts.kind,
    source: opts.source,
    format: opts.format,
    dryRun: !!opts.dryRun,
    rows: 0,
    valid: 0,
    written: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    issueCount: 0,
    issues: [],
    ignoredColumns: [],
    ms: 0,
  }
  const seen = new Map<string, number>()
  const flag = (issue: Issue) => {
    report.issueCount++
    if (report.issues.length < MAX_REPORTED_ISSUES) report.issues.push(issue)
  }
  const target = {
    source: opts.source,
    authorId: opts.actor.id,
    idsFromClient: opts.backend === 'pglite',
  }
  const table = opts.kind
  const write = async (tx: Kysely<Database> | undefined, batch: ImportRow[]) => {
    if (!tx || batch.length === 0) return
    const n =
      opts.kind === 'places'
        ? await upsertPlaces(tx, batch as PlaceImportRow[], target)
        : await upsertResources(tx, batch as ResourceImportRow[], target)
    report.inserted += n.inserted
    report.updated += n.updated
  }

  const batchRows = BATCH_ROWS[opts.backend ?? 'postgres']
  const run = async (tx: Kysely<Database> | undefined) => {
    let batch: ImportRow[] = []
    // One batch in flight while the next is parsed: on a server the database works meanwhile.
    let inflight: Promise<void> = Promise.resolve()
    // PGlite: past how many rows of this import the secondary indexes are dropped (undefined:
    // not decided yet; null: never), and how to build them again.
    const embedded = !!tx && opts.backend === 'pglite'
    const after = opts.deferIndexesAfter ?? DEFER_INDEXES_AFTER
    let deferAt: number | null | undefined = embedded ? undefined : null
    let rebuild: (() => Promise<void>) | undefined
    let queued = 0
    if (embedded) {
      // New WAL segments need no zero-fill in PGlite's in-memory file system, where growing a
      // file copies it: the default (on) costs a large import about 5 % of its time.
      await sql`set local wal_init_zero = off`.execute(tx)
    }
    const flush = async (rows: ImportRow[]) => {
      await inflight
      queued += rows.length
      if (tx && deferAt === undefined && queued >= after) {
        // Decided once, when the import turns out large: how many rows did the table hold before
        // it? (A bounded count: past the cap, a rebuild would never pay.)
        const cap = Math.max(after, 200_000)
        const before = (await countUpTo(tx, table, cap + report.inserted)) - report.inserted
        deferAt = before < cap ? Math.max(after, before) : null
      }
      if (tx && typeof deferAt === 'number' && !rebuild && queued >= deferAt) {
        rebuild = await deferSecondaryIndexes(tx, table)
      }
      inflight = write(tx, rows)
      inflight.catch(() => {}) // awaited (and rethrown) by the next flush or at the end
    }
    for await (const records of batches) {
      for (const { line, record, geometry } of records) {
        if (++report.rows > max) {
          throw new ApiError(
            413,
            'too_many_rows',
            `More than ${max.toLocaleString('en')} rows: split the file and import each part`,
            [{ field: 'file', message: `more than ${max} rows` }],
          )
        }
        const result = toRow(record, territory, opts.format === 'geojson' ? geometry : undefined)
        if (!result.ok) {
          for (const i of result.issues) flag({ line, ...i })
          continue
        }
        const first = seen.get(result.row.external_id)
        if (first !== undefined) {
          flag({ line, field: 'external_id', reason: `duplicate of line ${first}` })
          continue
        }
        seen.set(result.row.external_id, line)
        report.valid++
        // After the first problem nothing more is written: the transaction will roll back.
        if (report.issueCount === 0) {
          batch.push(result.row)
          if (batch.length >= batchRows) {
            await flush(batch)
            batch = []
          }
        }
      }
    }
    if (report.issueCount === 0) await flush(batch)
    await inflight
    if (report.issueCount === 0) await rebuild?.()
    report.ignoredColumns = ignored()
    if (report.issueCount > 0) throw new Refused()
    if (tx) {
      report.written = report.inserted + report.updated
      report.unchanged = report.valid - report.written
      await audit(tx, {
        actor: opts.actor,
        action: `${opts.kind === 'places' ? 'place' : 'resource'}.import`,
        target: {
          kind: opts.kind === 'places' ? 'place' : 'resource',
          id: `import:${opts.source}`,
        },
        after: {
          source: opts.source,
          format: opts.format,
          rows: report.rows,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
        },
      })
    }
  }

  try {
    if (opts.dryRun) await run(undefined)
    else await db.transaction().execute(run)
  } catch (err) {
    if (!(err instanceof Refused)) throw err
    report.inserted = report.updated = report.written = 0
  }
  if (opts.dryRun) report.unchanged = 0
  report.ms = Math.round(performance.now() - t0)
  return report
}

/** CSV with a header row: lon/lat columns or a wkt column. The bench entry point. */
export function importCsv(
  db: Kysely<Database>,
  input: ImportInput,
  opts: ImportOptions,
): Promise<ImportReport> {
  let ignored: string[] = []
  const records = csvRecords(input, (columns) => {
    ignored = checkHeader(opts.kind, columns)
  })
  return importRecords(db, records, { ...opts, format: 'csv' }, () => ignored)
}

/** A GeoJSON FeatureCollection of Points; properties named as the CSV columns. */
export function importGeoJson(
  db: Kysely<Database>,
  input: ImportInput,
  opts: ImportOptions,
): Promise<ImportReport> {
  return importRecords(db, geojsonRecords(input), { ...opts, format: 'geojson' })
}
