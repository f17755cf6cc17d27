// What the two collections of published content (places, resources) share: the keyset window
// a cursor asks for, the time window `datetime` asks for, the extent from the repository's
// summary row, and the JSON Schemas of their common properties.
import type { Config } from '../../config.ts'
import type { SeqWindow, TimeWindow } from '../../geo/feature-list.ts'
import { contentVersion } from '../../../tiles/versions.ts'
import type { CollectionExtent, Deps, ItemsRequest } from '../collection.ts'
import { parseDatetime } from '../datetime.ts'
import { readSeqCursor, type SeqCursor } from '../paging.ts'
import type { Bbox } from '../params.ts'

/** The repository arguments for a page: filters shared by both, and the keyset window. */
export function publishedWindow(request: ItemsRequest): {
  cursor: SeqCursor | undefined
  window: SeqWindow
  bbox: Bbox | undefined
  updated: TimeWindow | undefined
} {
  const cursor = readSeqCursor(request.cursor)
  return {
    cursor,
    window: {
      limit: request.limit,
      cursor: cursor?.direction === 'next' ? cursor.seq : undefined,
      newerThan: cursor?.direction === 'prev' ? cursor.seq : undefined,
    },
    bbox: request.bbox,
    updated: parseDatetime(request.datetime),
  }
}

/** From `{ bbox, first, last }` (the repository's summary; all null when nothing is
 * published): the territory's box stands in for an empty collection. */
export function publishedExtent(
  summary: { bbox: Bbox; first: Date | null; last: Date | null },
  config: Config,
): CollectionExtent {
  if (summary.first === null || summary.last === null) {
    return { bbox: config.territoryBbox, interval: [null, null] }
  }
  return {
    bbox: summary.bbox,
    interval: [new Date(summary.first).toISOString(), new Date(summary.last).toISOString()],
  }
}

type Summary = { bbox: Bbox; first: Date | null; last: Date | null }
type ExtentCache = Map<string, { version: string; extent: Promise<CollectionExtent> }>
const extents = new WeakMap<object, ExtentCache>()

/**
 * publishedExtent of a table's summary, kept per database until the table's content version
 * (tile_versions, bumped in the same transaction as every write) changes: the summary scans
 * every published row, a second with a million places, and QGIS asks for every collection's
 * extent on each connection. The version is read before the scan, so a write that lands
 * meanwhile only makes the next request scan again.
 */
export async function versionedExtent(
  { db, config }: Deps,
  source: string,
  summary: (db: Deps['db']) => Promise<Summary>,
): Promise<CollectionExtent> {
  const version = await contentVersion(db, source)
  let cache = extents.get(db)
  if (!cache) extents.set(db, (cache = new Map()))
  const hit = cache.get(source)
  if (hit?.version === version) return hit.extent
  const entry = { version, extent: summary(db).then((s) => publishedExtent(s, config)) }
  cache.set(source, entry)
  // A failed scan is not kept: the next request tries again.
  entry.extent.catch(() => cache.get(source) === entry && cache.delete(source))
  return entry.extent
}

export const TEXT = { type: 'string' }
export const NULLABLE_TEXT = { type: 'string', nullable: true }
export const TIMESTAMP_PROPERTIES = {
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: {
    type: 'string',
    format: 'date-time',
    description: 'Last change: what `datetime` filters on',
  },
}
