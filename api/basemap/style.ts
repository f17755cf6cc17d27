// The offline basemap: a MapLibre style (https://maplibre.org/maplibre-style-spec/) built from the
// project's own data, with glyphs served locally so labels render with no internet. It is what
// the viewer falls back to when the online OpenStreetMap style does not answer, and what kiosks
// and tests use (BASEMAP_STYLE_URL=offline).

export const BASEMAP_ATTRIBUTION =
  '© OpenStreetMap contributors (ODbL) · ISTAT, openpolis (CC BY 4.0) · ' +
  'Città di Torino – aperTO (CC BY 4.0) · Pinto 2023, SEI (CC BY-SA 4.0)'

export const FONT_REGULAR = 'Noto Sans Regular'
export const FONT_BOLD = 'Noto Sans Bold'

/** origin: scheme://host[:port] of the request, so every URL in the style is absolute. */
export function offlineStyle(origin: string) {
  return {
    version: 8,
    name: 'Intrecci offline',
    metadata: { 'intrecci:offline': true },
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: {
      municipalities: {
        type: 'geojson',
        data: `${origin}/api/areas?kind=municipality`,
        attribution: BASEMAP_ATTRIBUTION,
      },
      districts: { type: 'geojson', data: `${origin}/api/areas?kind=district` },
      labels: { type: 'geojson', data: `${origin}/basemap/labels.geojson` },
      green: { type: 'geojson', data: `${origin}/basemap/green.geojson` },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ea' } },
      {
        id: 'municipalities-fill',
        type: 'fill',
        source: 'municipalities',
        paint: { 'fill-color': '#fbfaf6' },
      },
      {
        id: 'green-fill',
        type: 'fill',
        source: 'green',
        paint: { 'fill-color': '#cfe3c1', 'fill-outline-color': '#b4d0a2' },
      },
      {
        id: 'districts-line',
        type: 'line',
        source: 'districts',
        paint: { 'line-color': '#b9b2a3', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'municipalities-line',
        type: 'line',
        source: 'municipalities',
        paint: { 'line-color': '#8c8474', 'line-width': 1.5 },
      },
      {
        id: 'green-label',
        type: 'symbol',
        source: 'green',
        minzoom: 14,
        filter: ['has', 'name'],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-max-width': 8,
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
