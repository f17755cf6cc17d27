// POST /api/import/places and /api/import/resources (network staff): the request body IS the
// file — text/csv, or application/geo+json / application/json for a GeoJSON FeatureCollection —
// read as a stream under its own byte limit (the API's 1 MB JSON limit does not apply here; see
// api/app.ts and the file-body exemption in api/security/csrf.ts).
//   ?source=<name>  required: external ids are unique within a source ("demo" is reserved)
//   ?dryRun=true    validate and report, write nothing
// 200 → the report; 422 → the report of a refused file (nothing written); 413 → too big.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { actorOf } from '../audit/audit.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'
import { importCsv, importGeoJson, SOURCE_PATTERN, type ImportReport } from './import.ts'
import { DEMO_SOURCE } from './provenance.ts'
import type { ImportKind } from './rows.ts'

/** Bytes one import request may carry (≈ 100,000 CSV rows of a rich directory). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export const IMPORT_CONTENT_TYPES = ['text/csv', 'application/geo+json', 'application/json']

const query = z.object({
  source: z
    .string()
    .regex(SOURCE_PATTERN, 'lower-case letters, digits, . _ - (max 50)')
    .refine((s) => s !== DEMO_SOURCE, `"${DEMO_SOURCE}" is reserved for the demo content`),
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
})

function mediaType(c: Context<AppEnv>): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

async function run(c: Context<AppEnv>, kind: ImportKind, q: z.output<typeof query>) {
  const type = mediaType(c)
  if (!IMPORT_CONTENT_TYPES.includes(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send the file as text/csv or application/geo+json',
    )
  }
  const raw = c.req.raw.body
  if (!raw) throw new ApiError(400, 'invalid_input', 'The request has no file in its body')
  const body = limited(raw, c.req.header('content-length'))
  const opts = {
    kind,
    source: q.source,
    dryRun: q.dryRun === 'true' || q.dryRun === '1',
    actor: actorOf(c),
    territory: c.var.config.territoryBbox,
    backend: c.var.dbKind,
  }
  const report: ImportReport =
    type === 'text/csv'
      ? await importCsv(c.var.db, body, opts)
      : await importGeoJson(c.var.db, body, opts)
  if (report.issueCount > 0 && !report.dryRun) {
    throw new ApiError(
      422,
      'import_refused',
      `${report.issueCount} problem${report.issueCount > 1 ? 's' : ''} in the file: nothing was written`,
      report,
    )
  }
  return c.json(report)
}

const tooLarge = () =>
  new ApiError(413, 'payload_too_large', `Import files are limited to ${MAX_IMPORT_BYTES} bytes`)

/** The body as a stream that fails with 413 past the limit (Hono's bodyLimit would buffer it). */
function limited(body: ReadableStream<Uint8Array>, declared: string | undefined) {
  if (declared !== undefined && Number(declared) > MAX_IMPORT_BYTES) throw tooLarge()
  let size = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size > MAX_IMPORT_BYTES) controller.error(tooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
}

export const importRoutes = new Hono<AppEnv>()
  .post('/import/places', valid('query', query), (c) => run(c, 'places', c.req.valid('query')))
  .post('/import/resources', valid('query', query), (c) =>
    run(c, 'resources', c.req.valid('query')),
  )
