// The rules a drawn feature follows whatever the route (drawing, editing, importing): its
// geometry fits its kind, its symbol is in the legend and applies to that kind, at most
// MAX_VERTICES vertices, at most MAX_FEATURES per map.
import { ApiError } from '../errors.ts'
import type { Geometry } from '../geo/guard.ts'
import type { FeatureKind, LegendSymbol } from './maps.table.ts'

export const MAX_FEATURES = 5000
export const MAX_VERTICES = 2000

const GEOMETRY_OF: Record<FeatureKind, Geometry['type']> = {
  point: 'Point',
  label: 'Point',
  line: 'LineString',
  polygon: 'Polygon',
}

export interface Refusal {
  status: 400 | 422
  code: string
  field: string
  message: string
}

export function vertexCount(g: Geometry): number {
  if (g.type === 'Point') return 1
  if (g.type === 'LineString' || g.type === 'MultiPoint') return g.coordinates.length
  if (g.type === 'Polygon' || g.type === 'MultiLineString') {
    return g.coordinates.reduce((n, ring) => n + ring.length, 0)
  }
  return g.coordinates.reduce((n, p) => n + p.reduce((m, ring) => m + ring.length, 0), 0)
}

/** The first rule the feature breaks, with the field at fault (prefixed by `at`), or null. */
export function checkFeature(
  f: { kind: FeatureKind; symbol: string; title: string | null; geometry: Geometry },
  legend: readonly LegendSymbol[],
  at = '',
): Refusal | null {
  const expected = GEOMETRY_OF[f.kind]
  if (f.geometry.type !== expected) {
    return {
      status: 400,
      code: 'invalid_input',
      field: `${at}geometry.type`,
      message: `a ${f.kind} is drawn as a ${expected}, not a ${f.geometry.type}`,
    }
  }
  const n = vertexCount(f.geometry)
  if (n > MAX_VERTICES) {
    return {
      status: 422,
      code: 'too_many_vertices',
      field: `${at}geometry.coordinates`,
      message: `this drawing has ${n} vertices, at most ${MAX_VERTICES} are kept: simplify it or split it in two`,
    }
  }
  const symbol = legend.find((s) => s.key === f.symbol)
  if (!symbol) {
    return {
      status: 422,
      code: 'unknown_symbol',
      field: `${at}symbol`,
      message: `"${f.symbol}" is not a symbol of this map's legend`,
    }
  }
  if (!symbol.kinds.includes(f.kind)) {
    return {
      status: 422,
      code: 'symbol_kind',
      field: `${at}symbol`,
      message: `"${symbol.label}" is for ${symbol.kinds.join(', ')}, not for a ${f.kind}`,
    }
  }
  if (f.kind === 'label' && !f.title) {
    return {
      status: 400,
      code: 'invalid_input',
      field: `${at}title`,
      message: 'a text label needs its text (title)',
    }
  }
  return null
}

export function assertFeature(...args: Parameters<typeof checkFeature>) {
  const r = checkFeature(...args)
  if (r)
    throw new ApiError(r.status, r.code, `${r.field}: ${r.message}`, [
      { field: r.field, message: r.message },
    ])
}

export function assertRoomFor(current: number, adding: number) {
  if (current + adding > MAX_FEATURES) {
    const message =
      adding === 1
        ? `this map already has ${current} drawings, the most a map can hold is ${MAX_FEATURES}: start a new map or remove some`
        : `this map has ${current} drawings and ${adding} more would pass the limit of ${MAX_FEATURES}`
    throw new ApiError(422, 'too_many_features', message, [{ field: 'features', message }])
  }
}
