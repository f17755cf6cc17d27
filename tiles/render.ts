// One layer's tile: the source's SQL through the encoder of the database in use, with clusters
// made coarser until the tile fits MAX_TILE_BYTES.
import type { Kysely } from 'kysely'
import type { Database } from '../api/db/database.ts'
import { MAX_TILE_BYTES, type TileLayer } from './layers.ts'
import {
  encodeInSqlWithVersion,
  encodeTile,
  type Encoder,
  type TileBytes,
  type Versioned,
} from './mvt.ts'
import type { TileCoord } from './tile-math.ts'
import { contentVersion } from './versions.ts'

export async function renderTile<F>(
  db: Kysely<Database>,
  encoder: Encoder,
  layer: TileLayer<F>,
  tile: TileCoord,
  filters: F,
): Promise<TileBytes> {
  return coarsen(layer.cells(tile.z), 0, new Uint8Array(0), (cell) =>
    encodeTile(db, encoder, {
      layer: layer.id,
      tile,
      features: layer.source({ tile, filters, cell }),
    }),
  )
}

/**
 * The tile with the content version of its layer. On the server both come from one statement;
 * on PGlite (one connection, no round trip to save) the version is read first, so that it is
 * never newer than the content.
 */
export async function renderTileWithVersion<F>(
  db: Kysely<Database>,
  encoder: Encoder,
  layer: TileLayer<F>,
  tile: TileCoord,
  filters: F,
): Promise<Versioned> {
  if (encoder !== 'postgres') {
    const version = await contentVersion(db, layer.version)
    return { version, body: await renderTile(db, encoder, layer, tile, filters) }
  }
  const first = await encodeInSqlWithVersion(
    db,
    {
      layer: layer.id,
      tile,
      features: layer.source({ tile, filters, cell: layer.cells(tile.z)[0]! }),
    },
    layer.version,
  )
  // A rebuild with coarser clusters may see newer content: a version older than the content is
  // harmless (the next request renders again), never the reverse.
  const body = await coarsen(layer.cells(tile.z), 1, first.body, (cell) =>
    encodeTile(db, encoder, {
      layer: layer.id,
      tile,
      features: layer.source({ tile, filters, cell }),
    }),
  )
  return { body, version: first.version }
}

/** Tries the cluster cells from `from` on while the tile (`built` so far) is over the limit. */
async function coarsen(
  cells: number[],
  from: number,
  built: TileBytes,
  encode: (cell: number) => Promise<TileBytes>,
): Promise<TileBytes> {
  let body = built
  if (from > 0 && body.byteLength <= MAX_TILE_BYTES) return body
  for (const cell of cells.slice(from)) {
    body = await encode(cell)
    if (body.byteLength <= MAX_TILE_BYTES) return body
  }
  // Only layers without clusters get here (a polygon layer is as big as its data): serve it.
  return body
}
