// Collection `maps`: the drawings of the public unconventional maps (mappe non convenzionali),
// read from the view public_map_features: private and unlisted maps never appear, nor drawings
// hidden by moderators. Mixed geometry: points (and text labels), lines, polygons.
import { FEATURE_KINDS } from '../../maps/legend.ts'
import {
  findPublicDrawing,
  listPublicDrawings,
  publicDrawingsExtent,
  toPublicDrawingFeature,
} from '../../maps/public.repository.ts'
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

export const mapsCollection: OgcCollection = {
  id: 'maps',
  title: 'Mappe non convenzionali / Unconventional maps',
  description:
    'What groups drew together on their public maps: points, lines, areas and text labels, ' +
    'each with a symbol of the group’s own legend (label, colour, emoji), a title, a note and ' +
    'a story. `map` takes a map id, `kind` one or more of point, line, polygon, ' +
    'label; `datetime` filters on the last change (updatedAt).',
  keywords: ['participatory mapping', 'community', 'Torino', 'social inclusion'],
  attribution: 'Intrecci contributors',
  time: 'updated',
  geometryType: ['Point', 'LineString', 'Polygon'],
  filters: [
    { name: 'map', description: 'One map’s drawings only: its id' },
    {
      name: 'kind',
      description: 'Kinds of drawing (any of them), comma-separated',
      values: FEATURE_KINDS,
      multiple: true,
    },
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    mapId: { type: 'string', format: 'uuid' },
    mapTitle: TEXT,
    kind: { type: 'string', enum: [...FEATURE_KINDS] },
    symbol: TEXT,
    symbolLabel: NULLABLE_TEXT,
    color: NULLABLE_TEXT,
    emoji: NULLABLE_TEXT,
    title: NULLABLE_TEXT,
    note: NULLABLE_TEXT,
    story: NULLABLE_TEXT,
    ...TIMESTAMP_PROPERTIES,
  },

  extent(deps) {
    return versionedExtent(deps, 'maps', publicDrawingsExtent)
  },

  async items({ db }, request) {
    const { cursor, window, bbox, updated } = publishedWindow(request)
    const page = await listPublicDrawings(db, {
      bbox,
      updated,
      maps: request.filters.map,
      kinds: request.filters.kind,
      ...window,
    })
    return {
      features: page.rows.map(toPublicDrawingFeature),
      numberMatched: page.numberMatched,
      ...seqNeighbours(cursor, page),
    }
  },

  async item({ db }, featureId) {
    if (!isUuid(featureId)) return undefined
    const row = await findPublicDrawing(db, featureId)
    return row ? toPublicDrawingFeature(row) : undefined
  },
}
