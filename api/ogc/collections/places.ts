// Collection `places`: the published places of community (luoghi della comunità), as the
// export publishes them (api/places/places.mapper.ts toPlaceExportFeature). Pending, hidden and
// rejected places never appear: the repository reads them as a visitor would.
import { toPlaceExportFeature } from '../../places/places.mapper.ts'
import { findPlace, listPlaces, publishedPlacesExtent } from '../../places/places.repository.ts'
import { PLACES_ATTRIBUTION } from '../../places/places.routes.ts'
import { PLACE_CATEGORY_KEYS } from '../../vocabulary/vocabulary.ts'
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

export const placesCollection: OgcCollection = {
  id: 'places',
  title: 'Luoghi della comunità / Places of community',
  description:
    'Places that matter to their neighbourhood (case del quartiere, friendly shops, gardens, …), ' +
    'added by residents and published after moderation. `datetime` filters on the last change ' +
    '(updatedAt); `category` takes one or more categories, comma-separated.',
  keywords: ['places', 'community', 'Torino', 'social inclusion'],
  attribution: PLACES_ATTRIBUTION,
  time: 'updated',
  geometryType: 'Point',
  filters: [
    {
      name: 'category',
      description: 'Place categories (any of them), comma-separated',
      values: PLACE_CATEGORY_KEYS,
      multiple: true,
    },
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    category: { type: 'string', enum: [...PLACE_CATEGORY_KEYS] },
    name: TEXT,
    description: NULLABLE_TEXT,
    story: NULLABLE_TEXT,
    address: NULLABLE_TEXT,
    author: {
      type: 'object',
      properties: { name: NULLABLE_TEXT, pseudonym: { type: 'boolean' } },
    },
    ...TIMESTAMP_PROPERTIES,
  },

  extent(deps) {
    return versionedExtent(deps, 'places', publishedPlacesExtent)
  },

  async items({ db }, request) {
    const { cursor, window, bbox, updated } = publishedWindow(request)
    const page = await listPlaces(db, {
      viewer: { kind: 'visitor' },
      bbox,
      updated,
      category: request.filters.category,
      ...window,
    })
    return {
      features: page.rows.map(toPlaceExportFeature),
      numberMatched: page.numberMatched,
      ...seqNeighbours(cursor, page),
    }
  },

  async item({ db }, featureId) {
    if (!isUuid(featureId)) return undefined
    const row = await findPlace(db, featureId)
    return row?.status === 'published' ? toPlaceExportFeature(row) : undefined
  },
}
