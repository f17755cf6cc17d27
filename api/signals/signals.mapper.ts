// Signal rows → GeoJSON (RFC 7946) for their author and admins; aggregates → public JSON.
// The audit form leaves out the point and the note: the log outlives deleted signals.
import type { AreaCount, HexCount } from './aggregate.repository.ts'
import type { SignalRecord } from './signals.repository.ts'
import { publishCount } from './suppression.ts'

export function toSignalFeature(r: SignalRecord) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: {
      id: r.id,
      theme: r.theme,
      severity: r.severity,
      note: r.note,
      observedOn: r.observed_on,
      authorId: r.author_id,
      origin: r.origin,
      areas: { zone: r.zone_id, district: r.district_id, municipality: r.municipality_id },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    },
  }
}

export function toSignalAudit(r: SignalRecord) {
  return {
    theme: r.theme,
    severity: r.severity,
    observedOn: r.observed_on,
    zone: r.zone_id,
    district: r.district_id,
    municipality: r.municipality_id,
    version: r.version,
  }
}

export function toAreaCount(r: AreaCount, exact: boolean) {
  return { id: r.id, code: r.code, name: r.name, ...publishCount(r.count, exact) }
}

export function toHexFeature(r: HexCount, size: number, exact: boolean) {
  return {
    type: 'Feature' as const,
    id: `${size}:${r.i}:${r.j}`,
    geometry: r.geometry,
    properties: { i: r.i, j: r.j, ...publishCount(r.count, exact) },
  }
}
