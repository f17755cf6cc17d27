// Collection `resources`: the network's published services, associations and activities, as
// the export publishes them (api/resources/resources.mapper.ts toResourceExportFeature, Open
// Referral HSDS names).
import { toResourceExportFeature } from '../../resources/resources.mapper.ts'
import {
  findResource,
  listResources,
  publishedResourcesExtent,
} from '../../resources/resources.repository.ts'
import { RESOURCES_ATTRIBUTION } from '../../resources/resources.routes.ts'
import { RESOURCE_THEME_KEYS } from '../../vocabulary/vocabulary.ts'
import type { OgcCollection } from '../collection.ts'
import { seqNeighbours } from '../paging.ts'
import {
  NULLABLE_TEXT,
  versionedExtent,
  publishedWindow,
  TEXT,
  TIMESTAMP_PROPERTIES,
} from './published.ts'
import { isUuid } from '../../uuid.ts'

const textList = { type: 'array', items: { type: 'string' } }

export const resourcesCollection: OgcCollection = {
  id: 'resources',
  title: 'Risorse della rete / Resources of the network',
  description:
    'Services, associations and activities of the social inclusion network, with contacts, ' +
    'opening hours and who they are for (Open Referral HSDS names). `datetime` filters on the ' +
    'last change (updatedAt); `theme` takes one or more themes, comma-separated.',
  keywords: ['resources', 'services', 'HSDS', 'Torino', 'social inclusion'],
  attribution: RESOURCES_ATTRIBUTION,
  time: 'updated',
  geometryType: 'Point',
  filters: [
    {
      name: 'theme',
      description: 'Resource themes (any of them), comma-separated',
      values: RESOURCE_THEME_KEYS,
      multiple: true,
    },
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: TEXT,
    description: NULLABLE_TEXT,
    themes: { type: 'array', items: { type: 'string', enum: [...RESOURCE_THEME_KEYS] } },
    organization: NULLABLE_TEXT,
    email: NULLABLE_TEXT,
    phone: NULLABLE_TEXT,
    url: NULLABLE_TEXT,
    schedule: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          byday: TEXT,
          opensAt: TEXT,
          closesAt: TEXT,
          description: TEXT,
        },
      },
    },
    eligibilityDescription: NULLABLE_TEXT,
    languages: textList,
    accessibility: NULLABLE_TEXT,
    address: NULLABLE_TEXT,
    serviceArea: {
      type: 'object',
      nullable: true,
      description: 'The area served, a GeoJSON Polygon or MultiPolygon',
    },
    assuredDate: { type: 'string', format: 'date', nullable: true },
    ...TIMESTAMP_PROPERTIES,
  },

  extent(deps) {
    return versionedExtent(deps, 'resources', publishedResourcesExtent)
  },

  async items({ db }, request) {
    const { cursor, window, bbox, updated } = publishedWindow(request)
    const page = await listResources(db, {
      viewer: { kind: 'visitor' },
      bbox,
      updated,
      theme: request.filters.theme,
      ...window,
    })
    return {
      features: page.rows.map(toResourceExportFeature),
      numberMatched: page.numberMatched,
      ...seqNeighbours(cursor, page),
    }
  },

  async item({ db }, featureId) {
    if (!isUuid(featureId)) return undefined
    const row = await findResource(db, featureId)
    return row?.status === 'published' ? toResourceExportFeature(row) : undefined
  },
}
