// The limits that keep a map usable (api/maps/feature-rules.ts), checked before sending so
// people hear at once what is wrong, in their language. The server checks them again.
import type { DrawnGeometry, FeatureKind } from '../api/maps-types.ts'

export const MAX_FEATURES = 5000
export const MAX_VERTICES = 2000
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']

export function vertexCount(g: DrawnGeometry): number {
  if (g.type === 'Point') return 1
  if (g.type === 'LineString') return g.coordinates.length
  return g.coordinates.reduce((n, ring) => n + ring.length, 0)
}

/** The kind of drawing a Terra Draw mode makes. */
export function kindOfMode(mode: string): FeatureKind {
  if (mode === 'point') return 'point'
  if (mode === 'label') return 'label'
  if (mode === 'linestring') return 'line'
  return 'polygon'
}

/** The Terra Draw mode to reopen a drawing with: the one it was drawn with when we know it. */
export function modeOfFeature(kind: FeatureKind, mode: string | null): string {
  const known = ['point', 'label', 'linestring', 'polygon', 'freehand', 'circle']
  if (mode && known.includes(mode) && kindOfMode(mode) === kind) return mode
  return kind === 'line' ? 'linestring' : kind
}
