// Readers turning an uploaded file into numbered records. CSV (RFC 4180) is streamed through
// csv-parse: the delimiter (`,` `;` or tab, as spreadsheets in Italy often write `;`) is taken
// from the header line; a UTF-8 BOM is skipped. GeoJSON (RFC 7946) is a FeatureCollection read
// whole, within the import's byte limit (the limit bounds memory; CSV is the format for big files).
import { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { ApiError } from '../errors.ts'
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

/** Records of a CSV file, and the header once read (lower-cased, trimmed). */
export async function* csvRecords(
  input: ImportInput,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<NumberedRecord> {
  const source = toReadable(input)
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  // Peek at the first line to choose the delimiter, then hand everything read to the parser.
  const head: Buffer[] = []
  let firstLine: string | undefined
  while (firstLine === undefined) {
    const next = await iterator.next()
    if (next.done) break
    head.push(Buffer.from(next.value))
    const text = Buffer.concat(head).toString('utf8')
    const nl = text.search(/\r?\n/)
    if (nl >= 0) firstLine = text.slice(0, nl)
  }
  firstLine ??= Buffer.concat(head).toString('utf8')
  if (firstLine.replace(/^\uFEFF/, '').trim() === '') {
    throw new ApiError(
      400,
      'invalid_input',
      'The file is empty: the first line must name the columns',
      [{ field: 'header', message: 'missing' }],
    )
  }
  const rest = Readable.from(
    (async function* () {
      for (const b of head) yield b
      for (;;) {
        const next = await iterator.next()
        if (next.done) return
        yield next.value
      }
    })(),
  )
  const parser = rest.pipe(
    parse({
      bom: true,
      delimiter: delimiterOf(firstLine),
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase())
        onHeader(columns)
        return columns
      },
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  )
  try {
    for await (const item of parser as AsyncIterable<{
      record: RawRecord
      info: { lines: number }
    }>) {
      yield { line: item.info.lines, record: item.record }
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines
      throw new ApiError(400, 'invalid_csv', `Not valid CSV at line ${line}: ${err.message}`, [
        { line, field: 'file', message: err.message },
      ])
    }
    throw err
  }
}

/** Features of a GeoJSON FeatureCollection, numbered from 1. */
export async function* geojsonRecords(input: ImportInput): AsyncGenerator<NumberedRecord> {
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
    yield { line, record: props, geometry: feature.geometry ?? null }
  }
}
