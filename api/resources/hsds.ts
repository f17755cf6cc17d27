// Export in the shape of Open Referral HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/)
// so directories can be exchanged: organizations, services (with phones, schedules, languages,
// service areas, theme attributes), locations (with addresses and accessibility) and
// service_at_locations. Ids are uuids; an organization's id derives from its name, so the same
// organization keeps one id across exports.
import { createHash } from 'node:crypto'
import { RESOURCE_THEMES } from '../vocabulary/vocabulary.ts'
import type { ResourceRow } from './resources.repository.ts'

export const HSDS_VERSION = '3.0'

/** A stable uuid-shaped id from a namespace and a name (SHA-1, like a UUID v5). */
function stableId(namespace: string, name: string): string {
  const h = createHash('sha1').update(`${namespace}:${name}`).digest('hex')
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const themeName = new Map(RESOURCE_THEMES.map((t) => [t.key as string, t.label]))

export function toHsds(rows: ResourceRow[], generatedAt = new Date()) {
  const organizations = new Map<string, { id: string; name: string; description: string }>()
  const services = []
  const locations = []
  const serviceAtLocations = []
  for (const r of rows) {
    let organizationId: string | null = null
    if (r.organization_name) {
      organizationId = stableId('organization', r.organization_name)
      organizations.set(organizationId, {
        id: organizationId,
        name: r.organization_name,
        description: '',
      })
    }
    const locationId = stableId('location', r.id)
    const [longitude, latitude] = r.geometry.coordinates
    services.push({
      id: r.id,
      organization_id: organizationId,
      name: r.name,
      description: r.description,
      url: r.url,
      email: r.email,
      status: 'active',
      eligibility_description: r.eligibility_description,
      assured_date: r.assured_date,
      last_modified: new Date(r.updated_at).toISOString(),
      phones: r.phone ? [{ id: stableId('phone', r.id), service_id: r.id, number: r.phone }] : [],
      schedules: r.schedule.map((s, i) => ({
        id: stableId('schedule', `${r.id}:${i}`),
        service_id: r.id,
        freq: 'WEEKLY',
        byday: s.byday,
        opens_at: s.opensAt,
        closes_at: s.closesAt,
        description: s.description ?? null,
      })),
      languages: r.languages.map((code) => ({
        id: stableId('language', `${r.id}:${code}`),
        service_id: r.id,
        code,
      })),
      service_areas: r.service_area
        ? [
            {
              id: stableId('service_area', r.id),
              service_id: r.id,
              name: `${r.name} — area servita`,
              extent: JSON.stringify(r.service_area),
              extent_type: 'geojson',
            },
          ]
        : [],
      attributes: r.themes.map((key) => ({
        id: stableId('attribute', `${r.id}:${key}`),
        link_id: r.id,
        link_type: 'service',
        taxonomy_term: {
          id: stableId('taxonomy_term', key),
          code: key,
          name: themeName.get(key)?.it ?? key,
          description: themeName.get(key)?.en ?? key,
          taxonomy: 'intrecci-themes',
        },
      })),
    })
    locations.push({
      id: locationId,
      organization_id: organizationId,
      location_type: 'physical',
      name: r.name,
      latitude,
      longitude,
      addresses: r.address
        ? [
            {
              id: stableId('address', r.id),
              location_id: locationId,
              address_1: r.address,
              city: null,
              region: 'Piemonte',
              country: 'IT',
              address_type: 'physical',
            },
          ]
        : [],
      accessibility: r.accessibility
        ? [
            {
              id: stableId('accessibility', r.id),
              location_id: locationId,
              description: r.accessibility,
            },
          ]
        : [],
    })
    serviceAtLocations.push({
      id: stableId('service_at_location', r.id),
      service_id: r.id,
      location_id: locationId,
    })
  }
  return {
    hsds_version: HSDS_VERSION,
    generated_at: generatedAt.toISOString(),
    attribution: 'Risorse della rete — Intrecci contributors',
    organizations: [...organizations.values()],
    services,
    locations,
    service_at_locations: serviceAtLocations,
  }
}
