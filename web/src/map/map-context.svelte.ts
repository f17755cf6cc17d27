// What MapView shares with the layers inside it: the map, a counter of loaded styles (a layer
// re-adds itself whenever it changes: after a basemap switch the old style's layers are gone)
// and the set of the app's own sources (to tell their errors from the basemap's).
import { createContext } from 'svelte'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { BasemapKind } from './basemap.ts'

export class MapHandle {
  map = $state.raw<MapLibreMap | undefined>()
  /** Incremented on every 'style.load'; 0 until the first style is ready for layers. */
  styleEpoch = $state(0)
  basemap = $state<BasemapKind>('offline')
  /** The first 'idle' with every own source loaded has happened. */
  ready = $state(false)
  // Read by event handlers only, never rendered: deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly ownSources = new Set<string>()

  /** Declares a source as the app's own; returns the undo. */
  ownSource(id: string): () => void {
    this.ownSources.add(id)
    return () => this.ownSources.delete(id)
  }

  /** Whether the style can take glyph-based (text) layers. */
  hasGlyphs(): boolean {
    return Boolean(this.map?.getGlyphs())
  }
}

const [getMapHandle, setMapHandle] = createContext<MapHandle>()
export { getMapHandle, setMapHandle }
