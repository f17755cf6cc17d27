// Collections `municipalities`, `districts` and `zones`: the areas of the territory, one
// collection per kind. One per kind rather than one with a `kind` filter because the kinds
// nest (zones tile districts, districts tile Turin): in one layer they would overlap, and a
// desktop GIS lists, styles and extents each collection as a layer of its own.
import { toAreaFeature } from '../../areas/areas.mapper.ts'
import { areaExtents, findArea, listAreas } from '../../areas/areas.repository.ts'
import { INDICATORS } from '../../areas/indicators.ts'
import type { AreaKind } from '../../db/database.ts'
import { BASEMAP_ATTRIBUTION } from '../../basemap/style.ts'
import type { Deps, OgcCollection } from '../collection.ts'
import { parseDatetime } from '../datetime.ts'
import { readOffsetCursor, slicePage } from '../paging.ts'
import { bboxesIntersect, type Bbox } from '../params.ts'
import { NULLABLE_TEXT, TEXT } from './published.ts'

// One query for all kinds per request: GET /ogc/collections asks for ten extents of areas.
const extentsByRequest = new WeakMap<Deps, ReturnType<typeof areaExtents>>()

/** The box of every area of `kind`; the territory's when there is none. */
export async function kindExtent(deps: Deps, kind: AreaKind): Promise<Bbox> {
  let extents = extentsByRequest.get(deps)
  if (!extents) extentsByRequest.set(deps, (extents = areaExtents(deps.db)))
  const row = (await extents).find((r) => r.kind === kind)
  return row && row.bbox.every(Number.isFinite) ? row.bbox : deps.config.territoryBbox
}

const NAMES = {
  municipality: {
    id: 'municipalities',
    title: 'Comuni / Municipalities',
    what: 'The municipalities of Turin and the CIdiS consortium',
  },
  district: {
    id: 'districts',
    title: 'Circoscrizioni / Districts of Turin',
    what: "Turin's 8 circoscrizioni",
  },
  zone: {
    id: 'zones',
    title: 'Zone statistiche / Statistical zones of Turin',
    what: "Turin's 94 zone statistiche",
  },
} as const satisfies Record<AreaKind, { id: string; title: string; what: string }>

function areaCollection(kind: AreaKind): OgcCollection {
  const names = NAMES[kind]
  return {
    id: names.id,
    title: names.title,
    description:
      `${names.what}, with population and census indicators (see /api/areas/indicators). ` +
      'Areas carry no time: `datetime` matches every area. `code` and `parent` filter on ' +
      'the area code and the id of the enclosing area.',
    keywords: ['areas', kind, 'Torino', 'census'],
    attribution: BASEMAP_ATTRIBUTION,
    time: 'none',
    geometryType: 'MultiPolygon',
    filters: [
      { name: 'code', description: 'The area code (e.g. 09bis for a zone)' },
      { name: 'parent', description: 'The id of the enclosing area (e.g. district-3)' },
    ],
    properties: {
      id: TEXT,
      kind: { type: 'string', enum: [kind] },
      code: TEXT,
      name: TEXT,
      population: { type: 'integer', nullable: true },
      parent: {
        type: 'object',
        nullable: true,
        properties: { id: TEXT, name: NULLABLE_TEXT },
      },
      indicators: {
        type: 'object',
        properties: Object.fromEntries(INDICATORS.map((i) => [i.key, { type: 'number' }])),
      },
      source: TEXT,
    },

    async extent(deps) {
      return { bbox: await kindExtent(deps, kind) }
    },

    async items({ db }, request) {
      // Checked, then matches every area (no time): a malformed value is still a 400.
      parseDatetime(request.datetime)
      const offset = readOffsetCursor(request.cursor)
      const [code] = request.filters.code ?? []
      const [parent] = request.filters.parent ?? []
      const matching = (await listAreas(db, { kind })).filter(
        (r) =>
          (code === undefined || r.code === code) &&
          (parent === undefined || r.parent_id === parent) &&
          (request.bbox === undefined || bboxesIntersect(request.bbox, r.bbox)),
      )
      const page = slicePage(matching, offset, request.limit)
      return {
        features: page.items.map(toAreaFeature),
        numberMatched: matching.length,
        next: page.next,
        prev: page.prev,
      }
    },

    async item({ db }, featureId) {
      const row = await findArea(db, featureId)
      return row?.kind === kind ? toAreaFeature(row) : undefined
    },
  }
}

export const areaCollections: readonly OgcCollection[] = [
  areaCollection('municipality'),
  areaCollection('district'),
  areaCollection('zone'),
]
