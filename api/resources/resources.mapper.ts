// Rows → JSON (camelCase): GeoJSON Features, CSV rows, queue items.
import { PROVENANCE_CSV_HEADER, provenanceCells, provenanceOf } from '../import/provenance.ts'
import type { QueueItem } from '../moderation/content-kinds.ts'
import type { ResourceRow } from './resources.repository.ts'

const iso = (d: Date | string) => new Date(d).toISOString()

function publicProperties(r: ResourceRow) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    themes: r.themes,
    organization: r.organization_name,
    email: r.email,
    phone: r.phone,
    url: r.url,
    schedule: r.schedule,
    eligibilityDescription: r.eligibility_description,
    languages: r.languages,
    accessibility: r.accessibility,
    address: r.address,
    serviceArea: r.service_area,
    assuredDate: r.assured_date,
    ...provenanceOf(r),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

export function toResourceFeature(r: ResourceRow, viewerId: string | null) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: {
      ...publicProperties(r),
      status: r.status,
      author: { name: r.author_name, pseudonym: false },
      own: viewerId !== null && r.author_id === viewerId,
      version: r.version,
    },
  }
}

export function toResourceExportFeature(r: ResourceRow) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: publicProperties(r),
  }
}

export const RESOURCE_CSV_HEADER = [
  'id',
  'name',
  'description',
  'themes',
  'organization',
  'email',
  'phone',
  'url',
  'schedule',
  'eligibility_description',
  'languages',
  'accessibility',
  'address',
  'longitude',
  'latitude',
  'assured_date',
  'updated_at',
  ...PROVENANCE_CSV_HEADER,
] as const

export function toResourceCsvRow(r: ResourceRow): unknown[] {
  const [lon, lat] = r.geometry.coordinates
  const schedule = r.schedule.map((s) => `${s.byday} ${s.opensAt}-${s.closesAt}`).join('; ')
  return [
    r.id,
    r.name,
    r.description,
    r.themes.join(';'),
    r.organization_name,
    r.email,
    r.phone,
    r.url,
    schedule,
    r.eligibility_description,
    r.languages.join(';'),
    r.accessibility,
    r.address,
    lon,
    lat,
    r.assured_date,
    iso(r.updated_at),
    ...provenanceCells(r),
  ]
}

export function resourceAuditSnapshot(r: ResourceRow) {
  return { name: r.name, themes: r.themes, status: r.status, version: r.version }
}

export function toResourceQueueItem(r: ResourceRow): QueueItem {
  return {
    kind: 'resource',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.name,
    excerpt: r.description?.slice(0, 280) ?? null,
    author: { id: r.author_id, displayName: r.author_name, pseudonym: null },
    context: { themes: r.themes, organization: r.organization_name },
  }
}
