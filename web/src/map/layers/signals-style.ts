// The look of need-signal hexagons (tiles/sources/signals.ts): counts in four classes, light to
// dark orange-red (ColorBrewer OrRd), and suppressed cells (1–4 signals, no count published)
// hatched grey so they never read as a count. Counts are rounded down to a multiple of 5.
import type { AddLayerObject, ExpressionSpecification } from 'maplibre-gl'
import type { LayerId } from '../zorder.ts'

type AppLayer = AddLayerObject & { id: LayerId }

export const SIGNALS_SOURCE = 'signals'
export const HATCH_IMAGE = 'signals-hatch'

/** Lower bound of each class (counts are multiples of 5), with its colour. */
export const SIGNAL_CLASSES = [
  { min: 5, max: 9, color: '#fdcc8a' },
  { min: 10, max: 24, color: '#fc8d59' },
  { min: 25, max: 49, color: '#e34a33' },
  { min: 50, max: Infinity, color: '#b30000' },
] as const

const count: ExpressionSpecification = ['to-number', ['get', 'count'], 0]
const suppressed: ExpressionSpecification = ['==', ['get', 'suppressed'], true]

export const signalLayers: AppLayer[] = [
  {
    id: 'signals-fill',
    type: 'fill',
    source: SIGNALS_SOURCE,
    'source-layer': SIGNALS_SOURCE,
    filter: ['!', suppressed],
    paint: {
      'fill-color': [
        'step',
        count,
        SIGNAL_CLASSES[0].color,
        ...SIGNAL_CLASSES.slice(1).flatMap((c) => [c.min, c.color]),
      ] as ExpressionSpecification,
      'fill-opacity': 0.62,
    },
  },
  {
    id: 'signals-suppressed',
    type: 'fill',
    source: SIGNALS_SOURCE,
    'source-layer': SIGNALS_SOURCE,
    filter: suppressed,
    paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.8 },
  },
  {
    id: 'signals-line',
    type: 'line',
    source: SIGNALS_SOURCE,
    'source-layer': SIGNALS_SOURCE,
    paint: { 'line-color': '#7a2a12', 'line-width': 0.8, 'line-opacity': 0.55 },
  },
]

/** Diagonal grey lines on transparent: the pattern of suppressed cells (and its legend swatch). */
export function hatchImage(ratio: number): ImageData {
  const size = 8 * ratio
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = 'rgba(255, 255, 255, 0.35)'
  ctx.fillRect(0, 0, size, size)
  ctx.strokeStyle = '#5b6770'
  ctx.lineWidth = 1.5 * ratio
  ctx.beginPath()
  for (const o of [-size, 0, size]) {
    ctx.moveTo(o, size)
    ctx.lineTo(o + size, 0)
  }
  ctx.stroke()
  return ctx.getImageData(0, 0, size, size)
}
