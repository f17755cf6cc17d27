// Our vector tiles (tiles/README.md): the URL template of a layer with its filters, absolute
// because MapLibre's workers fetch the tiles. Keys are sorted like the server's TileJSON does,
// so one filter is one URL and one cache entry whatever order it was chosen in.
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl'

export type TileLayerId = 'places' | 'resources' | 'signals'

export function tileUrl(layer: TileLayerId, filters: Record<string, readonly string[] | null>) {
  const params = new URLSearchParams()
  for (const [name, keys] of Object.entries(filters).sort(([a], [b]) => a.localeCompare(b))) {
    if (keys) params.set(name, [...keys].sort().join(','))
  }
  const query = params.toString().replace(/%2C/g, ',')
  return `${location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`
}

/** Points the source at new tiles (a filter changed) without touching its layers. */
export function setTiles(map: MapLibreMap, sourceId: string, url: string): void {
  const source = map.getSource<VectorTileSource>(sourceId)
  if (source && source.tiles?.[0] !== url) source.setTiles([url])
}
