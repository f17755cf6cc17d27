// The offline basemap: a MapLibre style (https://maplibre.org/maplibre-style-spec/) built from the
// project's own data, served by the app: vector tiles of the municipalities, districts and parks
// (tiles/layers.ts), one label point per municipality, glyphs (Noto Sans) and a sprite sheet
// (fixtures/basemap/sprites), so it draws with no internet. It is what the viewer falls back to
// when the online OpenStreetMap style does not answer, and what kiosks and tests use
// (BASEMAP_STYLE_URL=offline).
import { findLayer } from '../../tiles/layers.ts'

export const BASEMAP_ATTRIBUTION =
  '© OpenStreetMap contributors (ODbL) · ISTAT, openpolis (CC BY 4.0) · ' +
  'Città di Torino – aperTO (CC BY 4.0) · Pinto 2023, SEI (CC BY-SA 4.0)'

export const FONT_REGULAR = 'Noto Sans Regular'
export const FONT_BOLD = 'Noto Sans Bold'

/** [west, south, east, north] of what the offline basemap has data for (Turin and CIdiS, with
 * a margin): no tile outside it is asked for. */
export const BASEMAP_BOUNDS = [7.3, 44.88, 7.9, 45.2]

/** A vector source over one of our tile layers, its URL template inline (no TileJSON round
 * trip before the first tile). */
function tileSource(origin: string, id: string, extra: object = {}) {
  const layer = findLayer(id)
  if (!layer) throw new Error(`offline basemap: no tile layer ${id}`)
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/${id}/{z}/{x}/{y}.mvt`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: BASEMAP_BOUNDS,
    ...extra,
  }
}

/** origin: scheme://host[:port] of the request, so every URL in the style is absolute. */
export function offlineStyle(origin: string) {
  return {
    version: 8,
    name: 'Intrecci offline',
    metadata: { 'intrecci:offline': true },
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sprite: `${origin}/sprites/basemap`,
    sources: {
      municipalities: tileSource(origin, 'areas-municipality', {
        attribution: BASEMAP_ATTRIBUTION,
      }),
      districts: tileSource(origin, 'areas-district'),
      green: tileSource(origin, 'green'),
      labels: { type: 'geojson', data: `${origin}/basemap/labels.geojson` },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ea' } },
      {
        id: 'municipalities-fill',
        type: 'fill',
        source: 'municipalities',
        'source-layer': 'areas-municipality',
        // municipalities-line draws the edge: no antialiased fill outline (one shader fewer).
        paint: { 'fill-color': '#fbfaf6', 'fill-antialias': false },
      },
      {
        id: 'green-fill',
        type: 'fill',
        source: 'green',
        'source-layer': 'green',
        paint: { 'fill-color': '#cfe3c1', 'fill-antialias': false },
      },
      {
        id: 'districts-line',
        type: 'line',
        source: 'districts',
        'source-layer': 'areas-district',
        paint: { 'line-color': '#b9b2a3', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'municipalities-line',
        type: 'line',
        source: 'municipalities',
        'source-layer': 'areas-municipality',
        paint: { 'line-color': '#8c8474', 'line-width': 1.5 },
      },
      {
        id: 'green-label',
        type: 'symbol',
        source: 'green',
        'source-layer': 'green',
        minzoom: 14,
        filter: ['has', 'name'],
        layout: {
          'icon-image': 'park',
          'icon-size': 0.8,
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-max-width': 8,
          'text-anchor': 'top',
          'text-offset': [0, 0.8],
        },
        paint: { 'text-color': '#4d7040', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
      },
      {
        id: 'municipalities-label',
        type: 'symbol',
        source: 'labels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_BOLD],
          'text-size': 13,
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.08,
        },
        paint: { 'text-color': '#5b5447', 'text-halo-color': '#fbfaf6', 'text-halo-width': 1.5 },
      },
    ],
  }
}
