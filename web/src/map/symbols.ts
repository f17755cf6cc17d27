// How places and resources look, on the map and in the legend and list alike: a pictogram
// (Material Design Icons, Apache 2.0) on a coloured disc for places, on a rounded square for
// resources. The pictogram and the shape tell the kind apart without relying on colour; every
// colour passes 3:1 against the basemap and carries white at ≥ 4.5:1.
import {
  mdiBank,
  mdiBookEducation,
  mdiBookOpenVariant,
  mdiBreadSlice,
  mdiBriefcase,
  mdiChurch,
  mdiCoffee,
  mdiHandshake,
  mdiHomeCity,
  mdiHomeGroup,
  mdiHumanMaleFemaleChild,
  mdiLaptop,
  mdiMapMarker,
  mdiPineTree,
  mdiScaleBalance,
  mdiSchool,
  mdiSprout,
  mdiStarFourPoints,
  mdiStethoscope,
  mdiStorefront,
} from '@mdi/js'

export type SymbolKind = 'place' | 'resource'

export interface SymbolStyle {
  /** SVG path data in a 24 × 24 box. */
  icon: string
  color: string
}

const PLACE_SYMBOLS: Record<string, SymbolStyle> = {
  casa_del_quartiere: { icon: mdiHomeGroup, color: '#a8321c' },
  negozio_amico: { icon: mdiStorefront, color: '#7a3ba8' },
  orto_giardino: { icon: mdiSprout, color: '#2d6e31' },
  biblioteca: { icon: mdiBookOpenVariant, color: '#1d5a9e' },
  scuola: { icon: mdiSchool, color: '#9a4a00' },
  oratorio: { icon: mdiChurch, color: '#6a4638' },
  bar_edicola: { icon: mdiCoffee, color: '#9c1a57' },
  sala_comunale: { icon: mdiBank, color: '#34454d' },
  spazio_aperto: { icon: mdiPineTree, color: '#00695e' },
  altro: { icon: mdiMapMarker, color: '#555f68' },
}

const RESOURCE_SYMBOLS: Record<string, SymbolStyle> = {
  food: { icon: mdiBreadSlice, color: '#a8321c' },
  housing: { icon: mdiHomeCity, color: '#1d5a9e' },
  work: { icon: mdiBriefcase, color: '#34454d' },
  family: { icon: mdiHumanMaleFemaleChild, color: '#9c1a57' },
  health: { icon: mdiStethoscope, color: '#00695e' },
  education: { icon: mdiBookEducation, color: '#9a4a00' },
  digital: { icon: mdiLaptop, color: '#4a3f9e' },
  social_ties: { icon: mdiHandshake, color: '#2d6e31' },
  legal_debt: { icon: mdiScaleBalance, color: '#6a4638' },
  other: { icon: mdiStarFourPoints, color: '#555f68' },
}

const FALLBACK: Record<SymbolKind, SymbolStyle> = {
  place: PLACE_SYMBOLS.altro!,
  resource: RESOURCE_SYMBOLS.other!,
}

export function symbolFor(kind: SymbolKind, key: string | undefined): SymbolStyle {
  const table = kind === 'place' ? PLACE_SYMBOLS : RESOURCE_SYMBOLS
  return (key && table[key]) || FALLBACK[kind]
}

export const symbolKeys = (kind: SymbolKind): string[] =>
  Object.keys(kind === 'place' ? PLACE_SYMBOLS : RESOURCE_SYMBOLS)

/** The map image id of a category's or theme's marker. */
export const imageId = (kind: SymbolKind, key: string) => `${kind}-${key}`

/** CSS px of a marker on the map; drawn at the screen's pixel ratio. */
export const MARKER_SIZE = 30

/**
 * A marker as pixels for map.addImage: the shape in the colour with a white rim, the pictogram
 * in white. `ratio` is the device pixel ratio (sharp on high-density screens).
 */
export function markerImage(kind: SymbolKind, key: string, ratio: number): ImageData {
  const { icon, color } = symbolFor(kind, key)
  const size = Math.round(MARKER_SIZE * ratio)
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d')!
  const rim = 2 * ratio
  ctx.fillStyle = '#ffffff'
  shape(ctx, kind, size / 2, size / 2, size / 2)
  ctx.fill()
  ctx.fillStyle = color
  shape(ctx, kind, size / 2, size / 2, size / 2 - rim)
  ctx.fill()
  // The 24-unit pictogram in the middle 60 % of the marker.
  const scale = (size * 0.6) / 24
  ctx.translate(size * 0.2, size * 0.2)
  ctx.scale(scale, scale)
  ctx.fillStyle = '#ffffff'
  ctx.fill(new Path2D(icon))
  return ctx.getImageData(0, 0, size, size)
}

function shape(ctx: CanvasRenderingContext2D, kind: SymbolKind, cx: number, cy: number, r: number) {
  ctx.beginPath()
  if (kind === 'place') {
    ctx.arc(cx, cy, r, 0, Math.PI * 2)
  } else {
    ctx.roundRect(cx - r, cy - r, 2 * r, 2 * r, r * 0.35)
  }
}

/** Clusters: a darker, plain shape of the same kind; the count is written over it. */
export const CLUSTER_COLORS: Record<SymbolKind, string> = { place: '#0d3b4c', resource: '#4a2a6e' }
export const clusterImageId = (kind: SymbolKind) => `cluster-${kind}`

export function clusterImage(kind: SymbolKind, ratio: number): ImageData {
  const size = Math.round(MARKER_SIZE * ratio)
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#ffffff'
  shape(ctx, kind, size / 2, size / 2, size / 2)
  ctx.fill()
  ctx.fillStyle = CLUSTER_COLORS[kind]
  shape(ctx, kind, size / 2, size / 2, size / 2 - 2 * ratio)
  ctx.fill()
  return ctx.getImageData(0, 0, size, size)
}

/** Adds the markers of a kind (every key, and the cluster) unless the style has them. */
export function addMarkerImages(map: import('maplibre-gl').Map, kind: SymbolKind): void {
  const ratio = Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)))
  for (const key of symbolKeys(kind)) {
    const id = imageId(kind, key)
    if (!map.hasImage(id)) map.addImage(id, markerImage(kind, key, ratio), { pixelRatio: ratio })
  }
  const cluster = clusterImageId(kind)
  if (!map.hasImage(cluster)) {
    map.addImage(cluster, clusterImage(kind, ratio), { pixelRatio: ratio })
  }
}
