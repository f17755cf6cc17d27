// Area rows → GeoJSON Features (RFC 7946). JSON is camelCase; SQL stays snake_case.
import type { AreaRecord } from './areas.repository.ts'

export function toAreaFeature(r: AreaRecord) {
  return {
    type: 'Feature' as const,
    id: r.id,
    bbox: r.bbox,
    geometry: r.geometry,
    properties: {
      id: r.id,
      kind: r.kind,
      code: r.code,
      name: r.name,
      population: r.population,
      parent: r.parent_id ? { id: r.parent_id, name: r.parent_name } : null,
      indicators: r.indicators,
      source: r.source,
    },
  }
}
