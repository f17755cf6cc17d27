// The rows of the list view: what the map shows in view (places, resources, areas), as plain
// data, and their orders. Pure: the component turns them into a table.
import type { AreaFeature } from '../../api/types.ts'
import type { ViewerItemFeature } from '../../api/viewer-types.ts'
import type { SortKey } from '../../state/deep-link.ts'

export type RowKind = 'place' | 'resource' | 'area'

export interface ListRow {
  kind: RowKind
  id: string
  name: string
  /** Category, first theme, or area kind. */
  key: string
  /** "Luogo · Biblioteca": what the type column says (sorted on too). */
  type: string
  /** Metres from the centre of the map. */
  distance: number
  /** The choropleth's value, for areas while one is shown. */
  value: number | null
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMetres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLon = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface RowInput {
  places: readonly ViewerItemFeature[]
  resources: readonly ViewerItemFeature[]
  areas: readonly AreaFeature[]
  centre: [number, number]
  typeOf: (kind: RowKind, key: string) => string
  valueOf: (area: AreaFeature) => number | null
}

export function listRows(input: RowInput): ListRow[] {
  const point = (kind: 'place' | 'resource', f: ViewerItemFeature): ListRow => {
    const key = (kind === 'place' ? f.properties.category : f.properties.themes?.[0]) ?? ''
    return {
      kind,
      id: f.id,
      name: f.properties.name,
      key,
      type: input.typeOf(kind, key),
      distance: distanceMetres(input.centre, f.geometry.coordinates),
      value: null,
    }
  }
  const area = (a: AreaFeature): ListRow => {
    const [w, s, e, n] = a.bbox ?? [0, 0, 0, 0]
    return {
      kind: 'area',
      id: a.id,
      name: a.properties.name,
      key: a.properties.kind,
      type: input.typeOf('area', a.properties.kind),
      distance: distanceMetres(input.centre, [(w + e) / 2, (s + n) / 2]),
      value: input.valueOf(a),
    }
  }
  return [
    ...input.places.map((f) => point('place', f)),
    ...input.resources.map((f) => point('resource', f)),
    ...input.areas.map(area),
  ]
}

export function sortRows(rows: readonly ListRow[], by: SortKey, locale: string): ListRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })
  const byName = (a: ListRow, b: ListRow) => collator.compare(a.name, b.name)
  const compare: Record<SortKey, (a: ListRow, b: ListRow) => number> = {
    name: byName,
    type: (a, b) => collator.compare(a.type, b.type) || byName(a, b),
    distance: (a, b) => a.distance - b.distance || byName(a, b),
  }
  return [...rows].sort(compare[by])
}

/** Areas whose extent meets the view. */
export function areasInBounds(
  areas: readonly AreaFeature[],
  [w, s, e, n]: [number, number, number, number],
): AreaFeature[] {
  return areas.filter((a) => {
    if (!a.bbox) return false
    const [aw, as, ae, an] = a.bbox
    return aw <= e && ae >= w && as <= n && an >= s
  })
}
