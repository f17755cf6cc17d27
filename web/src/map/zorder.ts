// One ordered list of the app's map layer ids, bottom to top: the only place that decides what
// draws over what. Layers are inserted with the `beforeId` computed from it, so the order holds
// whichever layers exist at the moment and whichever basemap is under them.
import type { AddLayerObject, Map as MapLibreMap } from 'maplibre-gl'

/** Where the basemap's own labels (its first symbol layer) sit among our layers. */
const BASEMAP_LABELS = Symbol('basemap labels')

const ORDER = [
  'areas-fill',
  'areas-choropleth',
  'areas-line',
  'areas-selected-casing',
  'areas-selected-line',
  'signals-fill',
  'signals-suppressed',
  'signals-line',
  BASEMAP_LABELS,
  'areas-label',
  'selection-halo',
  'resources-cluster',
  'resources-point',
  'places-cluster',
  'places-point',
  'selection-point',
] as const

export type LayerId = Exclude<(typeof ORDER)[number], typeof BASEMAP_LABELS>

const OWN = new Set<string>(ORDER.filter((id): id is LayerId => typeof id === 'string'))

export function isOwnLayer(id: string): boolean {
  return OWN.has(id)
}

function position(id: string): number {
  const i = ORDER.indexOf(id as LayerId)
  if (i < 0) throw new Error(`zorder: unknown layer id '${id}': add it to the list in zorder.ts`)
  return i
}

/** The first basemap (not ours) symbol layer, if the style has one. */
function basemapLabels(map: MapLibreMap): string | undefined {
  return map.getLayersOrder().find((id) => !OWN.has(id) && map.getLayer(id)?.type === 'symbol')
}

/** The id of the existing layer that `id` must be inserted below, or undefined for the top. */
export function beforeId(map: MapLibreMap, id: string): string | undefined {
  for (const next of ORDER.slice(position(id) + 1)) {
    if (next === BASEMAP_LABELS) {
      const labels = basemapLabels(map)
      if (labels) return labels
    } else if (map.getLayer(next)) {
      return next
    }
  }
  return undefined
}

/** Adds an app layer at its place in the order. */
export function addLayer(map: MapLibreMap, layer: AddLayerObject & { id: LayerId }): void {
  map.addLayer(layer, beforeId(map, layer.id))
}

/** Removes app layers if present (after a style swap they are already gone). */
export function removeLayers(map: MapLibreMap, ids: readonly LayerId[]): void {
  for (const id of ids) if (map.getLayer(id)) map.removeLayer(id)
}
