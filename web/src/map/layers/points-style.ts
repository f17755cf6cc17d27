// The look of places and resources from the tiles: clusters (a plain shape with the count,
// larger for more) and single points (their category's or theme's marker, map/symbols.ts).
// A tile feature is a cluster when it has `cluster: true` and `count`; otherwise a point with
// `id`, `name` and `category` (places) or `theme` (resources, the first of its themes).
import type { AddLayerObject, ExpressionSpecification } from 'maplibre-gl'
import { clusterImageId, type SymbolKind } from '../symbols.ts'
import type { LayerId } from '../zorder.ts'
import { FONT_BOLD } from './areas-style.ts'

type AppLayer = AddLayerObject & { id: LayerId }

export const SOURCE: Record<SymbolKind, 'places' | 'resources'> = {
  place: 'places',
  resource: 'resources',
}
const KEY_FIELD: Record<SymbolKind, string> = { place: 'category', resource: 'theme' }
const FALLBACK_KEY: Record<SymbolKind, string> = { place: 'altro', resource: 'other' }

export const clusterLayerId = (kind: SymbolKind) => `${SOURCE[kind]}-cluster` as LayerId
export const pointLayerId = (kind: SymbolKind) => `${SOURCE[kind]}-point` as LayerId

const isCluster: ExpressionSpecification = ['==', ['get', 'cluster'], true]
const count: ExpressionSpecification = ['to-number', ['get', 'count'], 0]

/** 1,234 → "1,2k"-like short labels that fit in a marker. */
const shortCount: ExpressionSpecification = [
  'case',
  ['>=', count, 10000],
  ['concat', ['to-string', ['round', ['/', count, 1000]]], 'k'],
  ['>=', count, 1000],
  ['concat', ['to-string', ['/', ['round', ['/', count, 100]], 10]], 'k'],
  ['to-string', count],
]

export function pointLayers(kind: SymbolKind, withText: boolean): AppLayer[] {
  const source = SOURCE[kind]
  const cluster: AppLayer = {
    id: clusterLayerId(kind),
    type: 'symbol',
    source,
    'source-layer': source,
    filter: isCluster,
    layout: {
      'icon-image': clusterImageId(kind),
      'icon-size': [
        'interpolate',
        ['linear'],
        ['zoom'],
        9,
        ['step', count, 0.6, 10, 0.7, 100, 0.85, 1000, 1],
        14,
        ['step', count, 0.85, 10, 1, 100, 1.2, 1000, 1.4],
      ],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'symbol-sort-key': count,
      ...(withText
        ? {
            'text-field': shortCount,
            'text-font': ['literal', [FONT_BOLD]],
            'text-size': ['interpolate', ['linear'], ['zoom'], 9, 9.5, 14, 12],
            'text-allow-overlap': true,
            'text-ignore-placement': true,
          }
        : {}),
    },
    paint: { 'text-color': '#ffffff' },
  }
  const point: AppLayer = {
    id: pointLayerId(kind),
    type: 'symbol',
    source,
    'source-layer': source,
    filter: ['!', isCluster],
    layout: {
      'icon-image': [
        'concat',
        `${kind}-`,
        ['coalesce', ['get', KEY_FIELD[kind]], FALLBACK_KEY[kind]],
      ],
      // Smaller when zoomed out, where points are many and close together.
      'icon-size': ['interpolate', ['linear'], ['zoom'], 9, 0.62, 13, 0.85, 15, 1],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  }
  return [cluster, point]
}
