import type { Map as MapLibreMap } from 'maplibre-gl'

declare global {
  interface Window {
    /** For browser tests and debugging: the MapLibre map, once created. */
    __intrecci?: { map: MapLibreMap }
  }
}
