// The look of the areas: a light, see-through fill so the basemap stays readable, a thin
// outline, a stronger fill under the pointer and a dark outline on a white casing for the
// selected area. Colours pass WCAG 1.4.11 (3:1) against the basemap's #f3f1ea / #fbfaf6.
import type { ExpressionSpecification } from 'maplibre-gl'
import type { AddLayerObject } from 'maplibre-gl'
import type { LayerId } from '../zorder.ts'

export const AREAS_SOURCE = 'areas'
export const LABELS_SOURCE = 'area-labels'

export const FONT_REGULAR = 'Noto Sans Regular'
export const FONT_BOLD = 'Noto Sans Bold'

const ACCENT = '#1f6f8b'
const ACCENT_DARK = '#0d3b4c'

const state = (name: 'hover' | 'selected'): ExpressionSpecification => [
  'boolean',
  ['feature-state', name],
  false,
]

type AppLayer = AddLayerObject & { id: LayerId }

/** The filter that keeps the area `id` (none for null). */
export function selectedFilter(id: string | null): ExpressionSpecification {
  return ['==', ['get', 'id'], id ?? '']
}

export const areaLayers: AppLayer[] = [
  {
    id: 'areas-fill',
    type: 'fill',
    source: AREAS_SOURCE,
    paint: {
      // No antialiased edge: areas-line draws the outline, and each fill outline is one more
      // shader to compile before the first frame (slow on software GL: kiosks, old PCs).
      'fill-antialias': false,
      'fill-color': ACCENT,
      'fill-opacity': ['case', state('selected'), 0.3, state('hover'), 0.22, 0.1],
    },
  },
  {
    id: 'areas-line',
    type: 'line',
    source: AREAS_SOURCE,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': ACCENT,
      'line-opacity': 0.85,
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 2.2],
    },
  },
  // The selected area's outline: these two layers hold that area alone (a filter on its id,
  // selectedFilter), not every area drawn transparent, which software GL would still
  // rasterise on every frame.
  {
    id: 'areas-selected-casing',
    type: 'line',
    source: AREAS_SOURCE,
    filter: selectedFilter(null),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 },
  },
  {
    id: 'areas-selected-line',
    type: 'line',
    source: AREAS_SOURCE,
    filter: selectedFilter(null),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': ACCENT_DARK, 'line-width': 3 },
  },
]

/** The layers that show the selected area only. */
export const SELECTED_LAYERS = ['areas-selected-casing', 'areas-selected-line'] as const

/** Labels: a bold title ("Circoscrizione 3") over an optional lighter subtitle. */
export const labelLayer: AppLayer = {
  id: 'areas-label',
  type: 'symbol',
  source: LABELS_SOURCE,
  layout: {
    'text-field': [
      'format',
      ['get', 'title'],
      { 'text-font': ['literal', [FONT_BOLD]] },
      ['case', ['any', ['==', ['get', 'title'], ''], ['==', ['get', 'subtitle'], '']], '', '\n'],
      {},
      ['get', 'subtitle'],
      { 'font-scale': 0.82, 'text-font': ['literal', [FONT_REGULAR]] },
    ],
    'text-font': ['literal', [FONT_REGULAR]],
    'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11.5, 14, 14],
    'text-max-width': 9,
    'text-line-height': 1.15,
    'text-padding': 4,
    'symbol-sort-key': ['get', 'rank'],
  },
  paint: {
    'text-color': ACCENT_DARK,
    'text-halo-color': 'rgba(255, 255, 255, 0.92)',
    'text-halo-width': 1.6,
    'text-halo-blur': 0.4,
  },
}
