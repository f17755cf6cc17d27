// Checks a GeoJSON FeatureCollection (RFC 7946) for import into a map, without writing: every
// feature through the same rules as a drawing (geometry guard, kind, legend symbol, limits).
// Returns the features ready to insert, the legend symbols the file brings that the map lacks,
// and every refusal (up to MAX_REFUSALS) naming the field at fault: `features.3.geometry…`.
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Bbox } from '../config.ts'
import type { Database } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { checkSemantics, checkStructure } from '../geo/guard.ts'
import { lineText, longText, optional } from '../geo/text-fields.ts'
import { assertValidInDb } from '../geo/validity.ts'
import { checkFeature, MAX_FEATURES, MAX_VERTICES, vertexCount } from './feature-rules.ts'
import type { FeatureValues } from './features.repository.ts'
import { FEATURE_KINDS, legendField, MAX_SYMBOLS } from './legend.ts'
import type { FeatureKind, LegendSymbol } from './maps.table.ts'

const MAX_REFUSALS = 50

export interface ImportRefusal {
  status: 400 | 422
  field: string
  message: string
}

const properties = z.object({
  kind: z.enum(FEATURE_KINDS).optional(),
  mode: z
    .string()
    .regex(/^[a-z][a-z-]{0,31}$/)
    .nullable()
    .optional(),
  symbol: z.string().min(1).max(40).optional(),
  title: optional(lineText(200)),
  note: optional(longText(2000)),
  story: optional(longText(20000)),
})

const KIND_OF: Record<string, FeatureKind> = {
  Point: 'point',
  LineString: 'line',
  Polygon: 'polygon',
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export type CheckedImport =
  | { error: ApiError }
  | { features: FeatureValues[]; legendAdded: LegendSymbol[]; refusals: ImportRefusal[] }

export async function checkImport(
  db: Kysely<Database>,
  body: unknown,
  opts: { legend: readonly LegendSymbol[]; defaultSymbol?: string | undefined; territory: Bbox },
): Promise<CheckedImport> {
  if (!isObject(body) || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    return {
      error: new ApiError(400, 'invalid_input', 'body: must be a GeoJSON FeatureCollection', [
        { field: 'type', message: 'must be "FeatureCollection" with a features array' },
      ]),
    }
  }
  if (body.features.length > MAX_FEATURES) {
    const message = `${body.features.length} features: a map holds at most ${MAX_FEATURES}`
    return {
      error: new ApiError(422, 'too_many_features', message, [{ field: 'features', message }]),
    }
  }
  const refusals: ImportRefusal[] = []
  const refuse = (r: ImportRefusal) => {
    refusals.push(r)
    return refusals.length >= MAX_REFUSALS
  }

  // The file's legend: symbols the map does not have yet are added to it.
  const legendAdded: LegendSymbol[] = []
  if (body.legend !== undefined) {
    const parsed = legendField.safeParse(body.legend)
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        refuse({ status: 400, field: ['legend', ...i.path].join('.'), message: i.message })
      }
    } else {
      const known = new Set(opts.legend.map((s) => s.key))
      legendAdded.push(...parsed.data.filter((s) => !known.has(s.key)))
      if (opts.legend.length + legendAdded.length > MAX_SYMBOLS) {
        refuse({
          status: 422,
          field: 'legend',
          message: `the legend would have more than ${MAX_SYMBOLS} symbols`,
        })
      }
    }
  }
  const legend = [...opts.legend, ...legendAdded]

  const features: FeatureValues[] = []
  for (const [i, item] of (body.features as unknown[]).entries()) {
    const at = `features.${i}.`
    if (!isObject(item) || item.type !== 'Feature') {
      if (refuse({ status: 400, field: `${at}type`, message: 'must be a GeoJSON Feature' })) break
      continue
    }
    const s = checkStructure(item.geometry, {
      types: ['Point', 'LineString', 'Polygon'],
      field: `${at}geometry`,
    })
    if (!s.valid) {
      if (refuse({ status: s.status, field: s.field, message: s.reason })) break
      continue
    }
    const props = properties.safeParse(item.properties ?? {})
    if (!props.success) {
      const issue = props.error.issues[0]!
      const field = `${at}properties.${issue.path.join('.')}`
      if (refuse({ status: 400, field, message: issue.message })) break
      continue
    }
    const p = props.data
    const symbol = p.symbol ?? opts.defaultSymbol
    if (!symbol) {
      const message = 'no symbol: name one in properties.symbol, or send ?symbol= for all'
      if (refuse({ status: 422, field: `${at}properties.symbol`, message })) break
      continue
    }
    const values: FeatureValues = {
      kind: p.kind ?? KIND_OF[s.geometry.type]!,
      mode: p.mode ?? null,
      symbol,
      title: p.title ?? null,
      note: p.note ?? null,
      story: p.story ?? null,
      geometry: s.geometry,
    }
    const rule = checkFeature(values, legend, at)
    if (rule) {
      if (refuse(rule)) break
      continue
    }
    if (vertexCount(s.geometry) <= MAX_VERTICES) {
      const sem = checkSemantics(s.geometry, {
        types: [],
        territory: opts.territory,
        field: `${at}geometry`,
      })
      const valid = sem.valid ? await assertValidInDb(db, s.geometry, `${at}geometry`) : sem
      if (!valid.valid) {
        if (refuse({ status: valid.status, field: valid.field, message: valid.reason })) break
        continue
      }
    }
    features.push(values)
  }
  return { features, legendAdded, refusals }
}
