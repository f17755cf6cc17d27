// What the viewer shows besides the areas (state/areas.svelte.ts): the layers switched on, the
// filters, the choropleth indicator, the selection, the side panel's tab and the list's order,
// the camera. The address mirrors all of it (deep-link.ts, written by ViewerPage).
import type { Bbox } from '../api/client.ts'
import type { AreaKind } from '../api/types.ts'
import { areas } from './areas.svelte.ts'
import {
  DEFAULT_LINK,
  type Camera,
  type LayerKey,
  type Selection,
  type SortKey,
  type Tab,
  type ViewerLink,
} from './deep-link.ts'

/** A request to move the camera: a new object each time, so asking twice moves twice. */
export type FocusRequest =
  { bbox: Bbox; maxZoom?: number } | { center: [number, number]; zoom: number; jump?: boolean }

class ViewerState {
  layers = $state.raw<readonly LayerKey[]>(DEFAULT_LINK.layers)
  /** Place categories shown; null for all. */
  categories = $state.raw<readonly string[] | null>(null)
  /** Resource themes shown; null for all. */
  themes = $state.raw<readonly string[] | null>(null)
  /** The indicator coloring the areas (a key of indicator-rows' measures), or none. */
  indicator = $state<string | null>(null)
  /** The theme of the need-signal hexagons; null for all. */
  signalTheme = $state<string | null>(null)
  selection = $state.raw<Selection | null>(null)
  /** null until the person picks one: the screen decides (see SidePanel). */
  tab = $state<Tab | null>(null)
  sort = $state<SortKey>('name')
  /** Where the camera is, after each move (EPSG:4326). */
  camera = $state.raw<Camera | null>(null)
  /** What the map shows: [west, south, east, north]. */
  bounds = $state.raw<Bbox | null>(null)
  focus = $state.raw<FocusRequest | null>(null)

  isOn(layer: LayerKey): boolean {
    return this.layers.includes(layer)
  }

  setLayer(layer: LayerKey, on: boolean): void {
    const rest = this.layers.filter((l) => l !== layer)
    this.layers = on ? [...rest, layer] : rest
  }

  select(selection: Selection | null): void {
    this.selection = selection
    if (selection?.kind === 'area') {
      const kind = selection.id.split('-')[0] as AreaKind
      if (kind !== areas.kind) areas.setKind(kind)
      areas.select(selection.id)
    } else {
      areas.select(null)
    }
  }

  /** Everything at once, as read from an address. */
  apply(link: ViewerLink): void {
    this.layers = link.layers
    this.categories = link.categories
    this.themes = link.themes
    this.indicator = link.indicator
    this.signalTheme = link.signalTheme
    this.tab = link.tab
    this.sort = link.sort
    areas.setKind(link.kind)
    this.select(link.selection)
    if (link.camera) this.focus = { ...link.camera, jump: true }
  }

  /** The state as an address would hold it. */
  link(): ViewerLink {
    return {
      camera: this.camera,
      layers: [...this.layers],
      categories: this.categories && [...this.categories],
      themes: this.themes && [...this.themes],
      kind: areas.kind,
      indicator: this.indicator,
      signalTheme: this.signalTheme,
      selection: this.selection,
      tab: this.tab,
      sort: this.sort,
    }
  }
}

export const viewer = new ViewerState()
