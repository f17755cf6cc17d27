// Rows → JSON (camelCase): GeoJSON Features, CSV rows, the moderation queue's items.
import { PROVENANCE_CSV_HEADER, provenanceCells, provenanceOf } from '../import/provenance.ts'
import type { QueueItem } from '../moderation/content-kinds.ts'
import type { PlaceRow } from './places.repository.ts'

export interface Author {
  /** A display name, a pseudonym, or null once the account was erased ("utente cancellato"). */
  name: string | null
  pseudonym: boolean
}

export function authorOf(r: { author_name: string | null; pseudonym: string | null }): Author {
  if (r.pseudonym) return { name: r.pseudonym, pseudonym: true }
  return { name: r.author_name, pseudonym: false }
}

const iso = (d: Date | string) => new Date(d).toISOString()

export function toPlaceFeature(r: PlaceRow, viewerId: string | null) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: {
      id: r.id,
      category: r.category,
      name: r.name,
      description: r.description,
      story: r.story,
      address: r.address,
      ...provenanceOf(r),
      status: r.status,
      author: authorOf(r),
      own: viewerId !== null && r.author_id === viewerId,
      version: r.version,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    },
  }
}

/** The published-data export: no status, no version, no ownership. */
export function toPlaceExportFeature(r: PlaceRow) {
  const f = toPlaceFeature(r, null)
  const { status: _s, own: _o, version: _v, ...properties } = f.properties
  return { ...f, properties }
}

export const PLACE_CSV_HEADER = [
  'id',
  'category',
  'name',
  'description',
  'story',
  'address',
  'longitude',
  'latitude',
  'author',
  'created_at',
  'updated_at',
  ...PROVENANCE_CSV_HEADER,
] as const

export function toPlaceCsvRow(r: PlaceRow): unknown[] {
  const [lon, lat] = r.geometry.coordinates
  return [
    r.id,
    r.category,
    r.name,
    r.description,
    r.story,
    r.address,
    lon,
    lat,
    authorOf(r).name,
    iso(r.created_at),
    iso(r.updated_at),
    ...provenanceCells(r),
  ]
}

/** What the audit log keeps of a place: content, never a person's name. */
export function auditSnapshot(r: PlaceRow) {
  return {
    category: r.category,
    name: r.name,
    status: r.status,
    version: r.version,
    geometry: r.geometry,
  }
}

export function toPlaceQueueItem(r: PlaceRow): QueueItem {
  return {
    kind: 'place',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.name,
    excerpt: (r.description ?? r.story ?? '').slice(0, 280) || null,
    author: { id: r.author_id, displayName: r.author_name, pseudonym: r.pseudonym },
    context: { category: r.category, geometry: r.geometry },
  }
}
