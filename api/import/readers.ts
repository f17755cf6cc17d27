// Readers turning an uploaded file into numbered records. CSV (RFC 4180) is streamed through
// CsvReader (./csv.ts): the delimiter (`,` `;` or tab, as spreadsheets in Italy often write `;`)
// is taken from the header line; a UTF-8 BOM is skipped. GeoJSON (RFC 7946) is a FeatureCollection read
// whole, within the import's byte limit (the limit bounds memory; CSV is the format for big files).
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { ApiError } from '../errors.ts'
import { CsvReader, CsvSyntaxError, type CsvRecord } from './csv.ts'
import type { RawRecord } from './rows.ts'

export interface NumberedRecord {
  line: number
  record: RawRecord
  /** GeoJSON only: the feature's geometry. */
  geometry?: unknown
}

export type ImportInput = string | Buffer | Readable | ReadableStream<Uint8Array>

export function toReadable(input: ImportInput): Readable {
  if (typeof input === 'string' || Buffer.isBuffer(input)) return Readable.from([input])
  if (input instanceof Readable) return input
  return Readable.fromWeb(input as import('node:stream/web').ReadableStream<Uint8Array>)
}

function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const)
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0]
}

/** Records handed on per batch: one await per batch, not per record. */
export const READ_BATCH = 1000

function invalidCsv(err: CsvSyntaxError): ApiError {
  return new ApiError(400, 'invalid_csv', `Not valid CSV at line ${err.line}: ${err.message}`, [
    { line: err.line, field: 'file', message: err.message },
  ])
}

/**
 * Records of a CSV file in batches, each numbered with the line it starts on, and the header
 * once read (lower-cased, trimmed). The delimiter is the one the header line uses most; the
 * bytes are decoded as UTF-8 across chunk boundaries; empty lines are skipped (and counted).
 */
export async function* csvRecords(
  input: ImportInput,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<NumberedRecord[]> {
  const decoder = new StringDecoder('utf8')
  let reader: CsvReader | undefined
  let head = '' // text read before the header line is complete
  let columns: string[] | undefined
  let batch: NumberedRecord[] = []
  const take = (records: CsvRecord[]) => {
    for (const { line, cells, empty } of records) {
      if (empty) continue
      if (!columns) {
        columns = cells.map((h) => h.trim().toLowerCase())
        onHeader(columns)
        continue
      }
      const record: RawRecord = {}
      const n = Math.min(columns.length, cells.length)
      for (let i = 0; i < n; i++) record[columns[i]!] = cells[i]
      batch.push({ line, record })
    }
  }
  const start = (text: string) => {
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0]!
    if (firstLine.trim() === '') {
      throw new ApiError(
        400,
        'invalid_input',
        'The file is empty: the first line must name the columns',
        [{ field: 'header', message: 'missing' }],
      )
    }
    reader = new CsvReader(delimiterOf(firstLine))
    take(reader.push(text))
  }
  try {
    for await (const chunk of toReadable(input)) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)
      if (!reader) {
        head += text
        // The header line is complete, or long enough to be judged.
        if (!/[\r\n]/.test(head) && head.length < 64 * 1024) continue
        start(head)
      } else {
        take(reader.push(text))
      }
      if (batch.length >= READ_BATCH) {
        yield batch
        batch = []
      }
    }
    const rest = decoder.end()
    if (!reader) start(head + rest)
    else if (rest) take(reader.push(rest))
    take(reader!.end())
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw invalidCsv(err)
    throw err
  }
  if (batch.length) yield batch
}

/** Features of a GeoJSON FeatureCollection, numbered from 1. */
export async function* geojsonRecords(input: ImportInput): AsyncGenerator<NumberedRecord[]> {
  const chunks: Buffer[] = []
  for await (const chunk of toReadable(input)) chunks.push(Buffer.from(chunk as Buffer))
  let doc: unknown
  try {
    doc = JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    )
  } catch (err) {
    throw new ApiError(400, 'invalid_input', `Not valid JSON: ${(err as Error).message}`, [
      { field: 'file', message: 'not valid JSON' },
    ])
  }
  const fc = doc as { type?: unknown; features?: unknown }
  if (
    !fc ||
    typeof fc !== 'object' ||
    fc.type !== 'FeatureCollection' ||
    !Array.isArray(fc.features)
  ) {
    throw new ApiError(400, 'invalid_input', 'Send a GeoJSON FeatureCollection', [
      { field: 'type', message: 'must be "FeatureCollection" with a features array' },
    ])
  }
  let line = 0
  let batch: NumberedRecord[] = []
  for (const f of fc.features as unknown[]) {
    line++
    const feature = (f ?? {}) as {
      type?: unknown
      id?: unknown
      properties?: unknown
      geometry?: unknown
    }
    const props =
      feature.properties && typeof feature.properties === 'object'
        ? { ...(feature.properties as RawRecord) }
        : {}
    // RFC 7946 §3.2: a feature's "id" is the natural external id when properties have none.
    if (
      props.external_id === undefined &&
      (typeof feature.id === 'string' || typeof feature.id === 'number')
    ) {
      props.external_id = String(feature.id)
    }
    if (typeof props.external_id === 'number') props.external_id = String(props.external_id)
    batch.push({ line, record: props, geometry: feature.geometry ?? null })
    if (batch.length === READ_BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}
