// How a map's drawings look: each in its legend symbol's colour (areas filled lightly, lines
// with a white casing so they read over any street), points and areas marked by the symbol's
// emoji on a disc of its colour, text labels in the colour with a white halo. One GeoJSON
// source; MapLibre style spec: https://maplibre.org/maplibre-style-spec/
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { DrawnFeature, LegendSymbol } from '../api/maps-types.ts'

export const DRAWINGS_SOURCE = 'map-drawings'
/** Text of labels: a font the offline basemap serves (api/basemap/style.ts) and the online
 * OpenFreeMap style has too. */
const FONT = 'Noto Sans Bold'
const FALLBACK_COLOR = '#555f68'
/** CSS px of a symbol's disc on the map. */
const DISC = 30
/** From this zoom on, symbols show their emoji disc. */
export const ICON_MINZOOM = 16

export const DRAWING_LAYERS = {
  fill: 'drawings-fill',
  outline: 'drawings-outline',
  casing: 'drawings-line-casing',
  line: 'drawings-line',
  selectedLine: 'drawings-selected-line',
  selectedPoint: 'drawings-selected-point',
  point: 'drawings-point',
  icon: 'drawings-icon',
  label: 'drawings-label',
} as const

/** Layers that answer a click or a tap. */
export const CLICKABLE = [
  DRAWING_LAYERS.icon,
  DRAWING_LAYERS.point,
  DRAWING_LAYERS.label,
  DRAWING_LAYERS.line,
  DRAWING_LAYERS.outline,
  DRAWING_LAYERS.fill,
]

export const imageOf = (symbol: string) => `mapsym-${symbol}`

const kindIs = (...kinds: string[]): ExpressionSpecification => [
  'in',
  ['get', 'kind'],
  ['literal', kinds],
]
const color: ExpressionSpecification = ['coalesce', ['get', 'color'], FALLBACK_COLOR]
const selected = (id: string | null): ExpressionSpecification => ['==', ['get', 'id'], id ?? '']

/** Drawings as the source holds them: only what the style reads. */
export function renderCollection(
  features: Iterable<DrawnFeature>,
  legend: readonly LegendSymbol[],
  skip: string | null,
) {
  const bySymbol = new Map(legend.map((s) => [s.key, s]))
  const out = []
  for (const f of features) {
    if (f.id === skip) continue
    const s = bySymbol.get(f.properties.symbol)
    out.push({
      type: 'Feature' as const,
      id: f.id,
      geometry: f.geometry,
      properties: {
        id: f.id,
        kind: f.properties.kind,
        symbol: f.properties.symbol,
        color: s?.color ?? FALLBACK_COLOR,
        title: f.properties.title ?? '',
        icon: imageOf(f.properties.symbol),
      },
    })
  }
  return { type: 'FeatureCollection' as const, features: out }
}

export function drawingLayers(hasGlyphs: boolean, selectedId: string | null): LayerSpecification[] {
  const source = DRAWINGS_SOURCE
  const layers: LayerSpecification[] = [
    {
      id: DRAWING_LAYERS.fill,
      type: 'fill',
      source,
      filter: kindIs('polygon'),
      paint: { 'fill-color': color, 'fill-opacity': 0.28 },
    },
    {
      id: DRAWING_LAYERS.outline,
      type: 'line',
      source,
      filter: kindIs('polygon'),
      paint: { 'line-color': color, 'line-width': 2.5 },
    },
    {
      id: DRAWING_LAYERS.casing,
      type: 'line',
      source,
      filter: kindIs('line'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 8, 'line-opacity': 0.9 },
    },
    {
      id: DRAWING_LAYERS.line,
      type: 'line',
      source,
      filter: kindIs('line'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': 4.5 },
    },
    {
      id: DRAWING_LAYERS.selectedLine,
      type: 'line',
      source,
      filter: ['all', kindIs('line', 'polygon'), selected(selectedId)],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#0d3b4c', 'line-width': 3, 'line-dasharray': [2, 1.5] },
    },
    {
      id: DRAWING_LAYERS.selectedPoint,
      type: 'circle',
      source,
      filter: ['all', kindIs('point', 'label'), selected(selectedId)],
      paint: {
        'circle-radius': DISC / 2 + 6,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#0d3b4c',
        'circle-stroke-width': 3,
      },
    },
    {
      // Points as discs of their symbol's colour: cheap to draw by the thousand.
      id: DRAWING_LAYERS.point,
      type: 'circle',
      source,
      filter: kindIs('point'),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 5, 16, 10],
        'circle-color': color,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      // The symbol's emoji disc, on points and areas, once zoomed in enough to tell them apart
      // (icons cost far more to lay out than circles: 5,000 at once would slow a big map).
      id: DRAWING_LAYERS.icon,
      type: 'symbol',
      source,
      minzoom: ICON_MINZOOM,
      filter: kindIs('point', 'polygon'),
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
  ]
  if (hasGlyphs) {
    layers.push({
      id: DRAWING_LAYERS.label,
      type: 'symbol',
      source,
      filter: kindIs('label'),
      layout: {
        'text-field': ['get', 'title'],
        'text-font': ['literal', [FONT]],
        'text-size': 17,
        'text-max-width': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 2.2 },
    })
  } else {
    // No glyphs in this style: a label shows as a small disc, its text in the list.
    layers.push({
      id: DRAWING_LAYERS.label,
      type: 'circle',
      source,
      filter: kindIs('label'),
      paint: { 'circle-radius': 6, 'circle-color': color },
    })
  }
  return layers
}

/** Updates which drawing is outlined as selected. */
export function setSelected(map: MapLibreMap, id: string | null): void {
  if (map.getLayer(DRAWING_LAYERS.selectedLine)) {
    map.setFilter(DRAWING_LAYERS.selectedLine, ['all', kindIs('line', 'polygon'), selected(id)])
  }
  if (map.getLayer(DRAWING_LAYERS.selectedPoint)) {
    map.setFilter(DRAWING_LAYERS.selectedPoint, ['all', kindIs('point', 'label'), selected(id)])
  }
}

/** The disc of a symbol: its colour, a white ring, its emoji (or a white dot without one). */
export function symbolImage(symbol: Pick<LegendSymbol, 'color' | 'emoji'>, ratio: number) {
  const size = Math.round(DISC * ratio)
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d')!
  const r = size / 2
  ctx.beginPath()
  ctx.arc(r, r, r - 1 * ratio, 0, Math.PI * 2)
  ctx.fillStyle = symbol.color
  ctx.fill()
  ctx.lineWidth = 2.5 * ratio
  ctx.strokeStyle = '#ffffff'
  ctx.stroke()
  if (symbol.emoji) {
    ctx.font = `${Math.round(size * 0.52)}px "Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji",sans-serif`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(symbol.emoji, r, r + size * 0.04)
  } else {
    ctx.beginPath()
    ctx.arc(r, r, size * 0.14, 0, Math.PI * 2)
    ctx.fillStyle = '#ffffff'
    ctx.fill()
  }
  return ctx.getImageData(0, 0, size, size)
}

/** Adds or replaces the image of every symbol of the legend. */
export function addSymbolImages(map: MapLibreMap, legend: readonly LegendSymbol[]): void {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1))
  for (const s of legend) {
    const id = imageOf(s.key)
    const image = symbolImage(s, ratio)
    if (map.hasImage(id)) map.updateImage(id, image)
    else map.addImage(id, image, { pixelRatio: ratio })
  }
}
