// Renders the tiles of the first view at start, in the background, once the server listens: the
// first visitor then finds them cached (tiles/cache.ts), and PGlite's WebAssembly has compiled
// its geometry code paths (the first tile after a start takes seconds there, the next ones ms).
import { BASEMAP_BOUNDS } from '../api/basemap/style.ts'
import { tilesCovering } from './tile-math.ts'

/** What the viewer and the offline basemap ask for first, at the zooms a screen shows the
 * whole territory at. */
const FIRST_VIEW = ['areas-municipality', 'areas-district', 'green'] as const
const ZOOMS = [10, 9, 11]

interface Fetcher {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

export async function warmTiles(app: Fetcher): Promise<number> {
  let n = 0
  for (const z of ZOOMS) {
    for (const t of tilesCovering(BASEMAP_BOUNDS, z)) {
      for (const layer of FIRST_VIEW) {
        const res = await app.request(`/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`, {
          headers: { 'accept-encoding': 'gzip' },
        })
        await res.arrayBuffer()
        n++
      }
    }
  }
  return n
}
