// Collections of need signals, only ever as public aggregates: counts per area
// (`need-signals-by-zone`, `-by-district`, `-by-municipality`) and per hexagon of the fixed
// grid (`need-signals-hex-500` … `-4000`). Counts come from the aggregate repository and pass
// through the same suppression as GET /api/signals/aggregate for the public (counts 1–4 → null
// with `suppressed: true`, others rounded down to a multiple of 5): /ogc never reads a session,
// so planners get the public figures here too. Filters are those of the aggregate API: `theme`
// and whole ISO weeks (`datetime`). Cells are selected by `bbox` whole, with their whole count:
// a box can only pick cells, never cut one, so it tells nothing the full list does not.
import type { Kysely } from 'kysely'
import { listAreas } from '../../areas/areas.repository.ts'
import type { AreaKind, Database, SignalTheme } from '../../db/database.ts'
import {
  aggregateByArea,
  aggregateByHex,
  hexGrid,
  type AggregateFilter,
} from '../../signals/aggregate.repository.ts'
import { toAreaCount, toHexFeature } from '../../signals/signals.mapper.ts'
import { HEX_SIZES, PUBLIC_MIN_HEX_SIZE } from '../../signals/signals.schema.ts'
import { SIGNAL_THEMES } from '../../signals/themes.ts'
import type { Feature, ItemsRequest, OgcCollection } from '../collection.ts'
import { parseWeeks } from '../datetime.ts'
import { memo } from '../memo.ts'
import { readOffsetCursor, slicePage } from '../paging.ts'
import { bboxesIntersect, featuresBbox, geometryBbox } from '../params.ts'
import { kindExtent } from './areas.ts'
import { TEXT } from './published.ts'

/** Never exact: the OGC API is public whoever calls it. */
const EXACT = false

const ATTRIBUTION = 'Segnalazioni di bisogno — Intrecci, aggregated and suppressed'

const COUNT_PROPERTIES = {
  count: {
    type: 'integer',
    nullable: true,
    description: 'Signals in the cell, rounded down to a multiple of 5; null when 1–4',
  },
  suppressed: { type: 'boolean', description: 'true when the count (1–4) is withheld' },
}

const THEME_FILTER = {
  name: 'theme',
  description: 'One theme of need',
  values: SIGNAL_THEMES,
}

const TIME_NOTE =
  '`datetime` selects whole ISO weeks of observation (2026-W14, 2026-W10/2026-W20, or dates ' +
  'and date-times, widened to the weeks holding them); `theme` one theme of need.'

function aggregateFilter(request: ItemsRequest): AggregateFilter {
  const weeks = parseWeeks(request.datetime)
  return {
    theme: request.filters.theme?.[0] as SignalTheme | undefined,
    from: weeks?.from,
    until: weeks?.until,
  }
}

function page(all: Feature[], request: ItemsRequest) {
  const offset = readOffsetCursor(request.cursor)
  const matching = request.bbox
    ? all.filter((f) =>
        bboxesIntersect(request.bbox!, geometryBbox(f.geometry as { coordinates: unknown })),
      )
    : all
  const p = slicePage(matching, offset, request.limit)
  return { features: p.items, numberMatched: matching.length, next: p.next, prev: p.prev }
}

const filterKey = (f: AggregateFilter) => `${f.theme ?? ''}|${f.from ?? ''}|${f.until ?? ''}`

function areaCounts(db: Kysely<Database>, kind: AreaKind, filter: AggregateFilter) {
  return memo(db, `area:${kind}:${filterKey(filter)}`, ['areas', 'need_signals'], async () => {
    const [counts, areas] = await Promise.all([
      aggregateByArea(db, { ...filter, kind }),
      listAreas(db, { kind }),
    ])
    const geometry = new Map(areas.map((a) => [a.id, a.geometry]))
    return counts.map((r): Feature => ({
      type: 'Feature',
      id: r.id,
      geometry: geometry.get(r.id) ?? null,
      properties: { kind, ...toAreaCount(r, EXACT) },
    }))
  })
}

function byArea(kind: AreaKind, title: string): OgcCollection {
  return {
    id: `need-signals-by-${kind}`,
    title: `Segnalazioni di bisogno per area / Need signals by ${kind}`,
    description: `Counts of need signals per ${title}, suppressed for privacy. ${TIME_NOTE}`,
    keywords: ['need signals', 'aggregate', kind],
    attribution: ATTRIBUTION,
    time: 'weeks',
    geometryType: 'MultiPolygon',
    filters: [THEME_FILTER],
    properties: { kind: TEXT, id: TEXT, code: TEXT, name: TEXT, ...COUNT_PROPERTIES },
    async extent(deps) {
      return { bbox: await kindExtent(deps, kind) }
    },
    async items({ db }, request) {
      return page(await areaCounts(db, kind, aggregateFilter(request)), request)
    },
    async item({ db }, featureId) {
      return (await areaCounts(db, kind, {})).find((f) => f.id === featureId)
    },
  }
}

function hexCounts(db: Kysely<Database>, size: number, filter: AggregateFilter) {
  return memo(db, `hex:${size}:${filterKey(filter)}`, ['areas', 'need_signals'], async () =>
    (await aggregateByHex(db, { ...filter, size })).map((r): Feature =>
      toHexFeature(r, size, EXACT),
    ),
  )
}

function byHex(size: number): OgcCollection {
  return {
    id: `need-signals-hex-${size}`,
    title: `Segnalazioni di bisogno per esagono / Need signals per ${size} m hexagon`,
    description:
      `Counts of need signals per cell of a hexagon grid of ${size} m edges (EPSG:3857 ` +
      `metres, anchored at the projection's origin), suppressed for privacy. Only cells ` +
      `holding signals are listed. ${TIME_NOTE}`,
    keywords: ['need signals', 'aggregate', 'hexagon'],
    attribution: ATTRIBUTION,
    time: 'weeks',
    geometryType: 'Polygon',
    filters: [THEME_FILTER],
    properties: {
      i: { type: 'integer', description: 'Column of the cell in the grid' },
      j: { type: 'integer', description: 'Row of the cell in the grid' },
      ...COUNT_PROPERTIES,
    },
    async extent({ db, config }) {
      // Every cell the grid could publish: cells at the edge stick out of the territory.
      const bbox = await memo(db, `grid:${size}`, ['areas'], async () =>
        featuresBbox((await hexGrid(db, size)).map((c) => geometryBbox(c.geometry))),
      )
      return { bbox: bbox.every(Number.isFinite) ? bbox : config.territoryBbox }
    },
    async items({ db }, request) {
      return page(await hexCounts(db, size, aggregateFilter(request)), request)
    },
    async item({ db }, featureId) {
      if (!/^\d{3,4}:-?\d{1,9}:-?\d{1,9}$/.test(featureId)) return undefined
      return (await hexCounts(db, size, {})).find((f) => f.id === featureId)
    },
  }
}

export const needSignalCollections: readonly OgcCollection[] = [
  byArea('municipality', 'municipality'),
  byArea('district', 'district (circoscrizione) of Turin'),
  byArea('zone', 'statistical zone of Turin'),
  // The public's sizes only: finer grids are for planners, in the app.
  ...HEX_SIZES.filter((s) => s >= PUBLIC_MIN_HEX_SIZE).map(byHex),
]
