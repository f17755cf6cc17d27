// Rendered tiles kept in memory, keyed by layer, tile and filters, and by the content version of
// the table the layer reads (tile_versions): a write bumps the version, so a stale tile is never
// served — it is simply never asked for again and ages out. Concurrent requests for the same
// tile share one rendering (the viewer and the basemap ask for the same areas at once). One cache
// per database: apps over different databases (tests) never share tiles.
import type { Kysely } from 'kysely'
import type { Database } from '../api/db/database.ts'
import { gzipTile } from './http.ts'
import type { TileBytes, Versioned } from './mvt.ts'

/** Bytes of tiles kept per database (plain and gzipped together). */
export const CACHE_BYTES = 64 * 1024 * 1024

interface Entry {
  tile: string
  version: string
  body: Promise<TileBytes>
  gz?: Promise<TileBytes>
  bytes: number
}

export class TileCache {
  #entries = new Map<string, Entry>()
  /** Tiles (without version) with at least one rendering cached or under way. */
  #known = new Map<string, number>()
  #cold = new Map<string, Promise<Versioned>>()
  #bytes = 0

  constructor(readonly maxBytes = CACHE_BYTES) {}

  get size() {
    return this.#entries.size
  }

  /** Whether some version of `tile` is cached or being rendered. */
  has(tile: string): boolean {
    return this.#known.has(tile) || this.#cold.has(tile)
  }

  /** `tile` at `version`, rendered by `render` unless cached or being rendered. */
  body(tile: string, version: string, render: () => Promise<TileBytes>): Promise<TileBytes> {
    return this.#entry(tile, version, render).body
  }

  /** The same tile, gzipped (computed once). */
  gzipped(tile: string, version: string, render: () => Promise<TileBytes>): Promise<TileBytes> {
    const entry = this.#entry(tile, version, render)
    if (!entry.gz) {
      entry.gz = entry.body.then(gzipTile)
      void entry.gz.then((gz) => this.#grow(entry, gz.byteLength)).catch(() => {})
    }
    return entry.gz
  }

  /** A tile not cached in any version: rendered with its version, then kept under it. */
  async cold(tile: string, render: () => Promise<Versioned>): Promise<Versioned> {
    let pending = this.#cold.get(tile)
    if (!pending) {
      pending = render()
      this.#cold.set(tile, pending)
      pending
        .then(
          (r) => void this.#entry(tile, r.version, () => Promise.resolve(r.body)),
          () => {},
        )
        .finally(() => this.#cold.delete(tile))
    }
    return pending
  }

  #entry(tile: string, version: string, render: () => Promise<TileBytes>): Entry {
    const key = `${tile}@${version}`
    const hit = this.#entries.get(key)
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit
    }
    const entry: Entry = { tile, version, body: render(), bytes: 0 }
    this.#entries.set(key, entry)
    this.#known.set(tile, (this.#known.get(tile) ?? 0) + 1)
    entry.body.then(
      (body) => this.#grow(entry, body.byteLength),
      () => this.#evict(key, entry),
    )
    return entry
  }

  #grow(entry: Entry, bytes: number) {
    if (this.#entries.get(`${entry.tile}@${entry.version}`) !== entry) return
    entry.bytes += bytes
    this.#bytes += bytes
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#evict(k, e)
    }
  }

  #evict(key: string, entry: Entry) {
    if (this.#entries.get(key) !== entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
    const n = (this.#known.get(entry.tile) ?? 1) - 1
    if (n > 0) this.#known.set(entry.tile, n)
    else this.#known.delete(entry.tile)
  }
}

const caches = new WeakMap<Kysely<Database>, TileCache>()

export function tileCacheFor(db: Kysely<Database>): TileCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new TileCache()))
  return cache
}
