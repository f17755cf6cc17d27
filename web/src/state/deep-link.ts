// The viewer's address: everything needed to show the same thing again, in the query string so
// that a reload, a bookmark or a shared link restores it. Pure: parse and format only.
//   map=14.25/45.07120/7.68560   zoom/latitude/longitude (the order OpenStreetMap uses)
//   layers=places,resources      the layers switched on (default: places,resources,areas)
//   cat=biblioteca,scuola        place categories shown (absent: all; `cat=` none)
//   theme=food                   resource themes shown (same rule)
//   kind=zone                    kind of area (default municipality)
//   ind=pop_75_plus_2021         indicator coloring the areas (absent: none)
//   need=housing                 theme of the need-signal hexagons (absent: all)
//   sel=place:<uuid> | resource:<uuid> | area:zone-09bis   what the panel shows
//   tab=list | layers | map      what the side panel shows
//   sort=name | type | distance  the list's order
// Any other parameter (lang, …) is left as it is.
import { AREA_KINDS, type AreaKind } from '../api/types.ts'

export const LAYER_KEYS = ['places', 'resources', 'areas', 'signals'] as const
export type LayerKey = (typeof LAYER_KEYS)[number]
export const DEFAULT_LAYERS: readonly LayerKey[] = ['places', 'resources', 'areas']

export const SELECTION_KINDS = ['place', 'resource', 'area'] as const
export type SelectionKind = (typeof SELECTION_KINDS)[number]
export interface Selection {
  kind: SelectionKind
  id: string
}

export const TABS = ['layers', 'list', 'map'] as const
export type Tab = (typeof TABS)[number]

export const SORTS = ['name', 'type', 'distance'] as const
export type SortKey = (typeof SORTS)[number]

export interface Camera {
  /** EPSG:4326 [longitude, latitude]. */
  center: [number, number]
  zoom: number
}

export interface ViewerLink {
  camera: Camera | null
  layers: LayerKey[]
  /** null: every category. */
  categories: string[] | null
  themes: string[] | null
  kind: AreaKind
  indicator: string | null
  signalTheme: string | null
  selection: Selection | null
  /** null: the default for the screen (layers on wide screens, the map alone on phones). */
  tab: Tab | null
  sort: SortKey
}

export const DEFAULT_LINK: ViewerLink = {
  camera: null,
  layers: [...DEFAULT_LAYERS],
  categories: null,
  themes: null,
  kind: 'municipality',
  indicator: null,
  signalTheme: null,
  selection: null,
  tab: null,
  sort: 'name',
}

const OWN_PARAMS = ['map', 'layers', 'cat', 'theme', 'kind', 'ind', 'need', 'sel', 'tab', 'sort']
const KEY = /^[a-z0-9_]{1,60}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined

function keys(v: string | null): string[] | null {
  if (v === null) return null
  return v.split(',').filter((k) => KEY.test(k))
}

function camera(v: string | null): Camera | null {
  const raw = v?.split('/') ?? []
  if (raw.length !== 3 || raw.some((s) => s.trim() === '')) return null
  const parts = raw.map(Number)
  if (!parts.every(Number.isFinite)) return null
  const [zoom, lat, lon] = parts as [number, number, number]
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null
  return { center: [lon, lat], zoom }
}

function selection(v: string | null): Selection | null {
  const m = v ? /^([a-z]+):(.+)$/.exec(v) : null
  const kind = m ? oneOf(SELECTION_KINDS, m[1]!) : undefined
  return kind && ID.test(m![2]!) ? { kind, id: m![2]! } : null
}

/** The viewer's state in `search` (a location.search); anything unreadable takes its default. */
export function parseViewerLink(search: string): ViewerLink {
  const p = new URLSearchParams(search)
  const layers = p.has('layers')
    ? LAYER_KEYS.filter((k) => p.get('layers')!.split(',').includes(k))
    : [...DEFAULT_LAYERS]
  const indicator = p.get('ind')
  const need = p.get('need')
  return {
    camera: camera(p.get('map')),
    layers,
    categories: keys(p.get('cat')),
    themes: keys(p.get('theme')),
    kind: oneOf(AREA_KINDS, p.get('kind')) ?? 'municipality',
    indicator: indicator && KEY.test(indicator) ? indicator : null,
    signalTheme: need && KEY.test(need) ? need : null,
    selection: selection(p.get('sel')),
    tab: oneOf(TABS, p.get('tab')) ?? null,
    sort: oneOf(SORTS, p.get('sort')) ?? 'name',
  }
}

/** Rounds a camera so that the address stays short and a reload lands on the same view. */
export function roundCamera(c: Camera): Camera {
  return {
    center: [Number(c.center[0].toFixed(5)), Number(c.center[1].toFixed(5))],
    zoom: Number(c.zoom.toFixed(2)),
  }
}

/** `search` with the viewer's parameters replaced by `link`'s (defaults left out). */
export function formatViewerLink(search: string, link: ViewerLink): string {
  const p = new URLSearchParams(search)
  for (const k of OWN_PARAMS) p.delete(k)
  if (link.camera) {
    const c = roundCamera(link.camera)
    p.set('map', `${c.zoom}/${c.center[1]}/${c.center[0]}`)
  }
  const layers = LAYER_KEYS.filter((k) => link.layers.includes(k))
  if (layers.join() !== DEFAULT_LAYERS.join()) p.set('layers', layers.join(','))
  if (link.categories) p.set('cat', link.categories.join(','))
  if (link.themes) p.set('theme', link.themes.join(','))
  if (link.kind !== 'municipality') p.set('kind', link.kind)
  if (link.indicator) p.set('ind', link.indicator)
  if (link.signalTheme) p.set('need', link.signalTheme)
  if (link.selection) p.set('sel', `${link.selection.kind}:${link.selection.id}`)
  if (link.tab) p.set('tab', link.tab)
  if (link.sort !== 'name') p.set('sort', link.sort)
  // Commas and slashes are safe in a query: keep them readable in a shared link.
  const s = p.toString().replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':')
  return s ? `?${s}` : ''
}
