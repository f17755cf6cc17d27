// GET /tiles                               catalog of the layers
// GET /tiles/{layer}.json                  TileJSON 3.0.0 (filters pass through to `tiles`)
// GET /tiles/{layer}/{z}/{x}/{y}.mvt       one tile (MVT 2.1), filters as query parameters
// Public and anonymous (no session is read here), so any HTTP cache may keep them.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../api/app-env.ts'
import { ApiError, notFound, validationError } from '../api/errors.ts'
import { findLayer, type TileLayer } from './layers.ts'
import { tileCacheFor } from './cache.ts'
import { acceptsGzip, contentTag, etagFor, hashTag, matchesIfNoneMatch } from './http.ts'
import type { TileBytes } from './mvt.ts'
import { renderTile, renderTileWithVersion } from './render.ts'
import { inRange, MAX_ZOOM, type TileCoord } from './tile-math.ts'
import { catalog, territoryBounds, tileJson } from './tilejson.ts'
import { contentVersion } from './versions.ts'

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

function layerOr404(id: string): TileLayer {
  const layer = findLayer(id)
  if (!layer) throw notFound(`No tile layer "${id}": GET /tiles lists them`)
  return layer
}

const fieldError = (field: string, message: string) =>
  new ApiError(400, 'invalid_input', `${field}: ${message}`, [{ field, message }])

/** z/x/y from the path, checked against the tile grid and the layer's zooms. */
function tileCoord(c: Context, layer: TileLayer): TileCoord | 'below-minzoom' {
  const { z: zs, x: xs, tile } = c.req.param() as Record<string, string>
  const ys = /^(\d{1,10})\.mvt$/.exec(tile ?? '')?.[1]
  if (!/^\d{1,2}$/.test(zs ?? '')) throw fieldError('z', `expected an integer 0–${layer.maxzoom}`)
  if (!/^\d{1,10}$/.test(xs ?? '')) throw fieldError('x', 'expected a non-negative integer')
  if (ys === undefined) throw fieldError('y', 'expected {y}.mvt with a non-negative integer y')
  const t = { z: Number(zs), x: Number(xs), y: Number(ys) }
  if (t.z > Math.min(layer.maxzoom, MAX_ZOOM)) {
    throw fieldError('z', `this layer's tiles go from zoom ${layer.minzoom} to ${layer.maxzoom}`)
  }
  if (!inRange(t)) {
    const field = t.x >= 2 ** t.z ? 'x' : 'y'
    throw fieldError(field, `at zoom ${t.z}, x and y go from 0 to ${2 ** t.z - 1}`)
  }
  return t.z < layer.minzoom ? 'below-minzoom' : t
}

function parseFilters(layer: TileLayer, query: Record<string, string>) {
  const parsed = layer.filters.safeParse(query)
  if (!parsed.success) throw validationError(parsed.error, 'query')
  return parsed.data
}

export const tilesRoutes = new Hono<AppEnv>()
  .get('/tiles', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(catalog(new URL(c.req.url).origin))
  })
  .get('/tiles/:tilejson', async (c) => {
    const m = /^([a-z][a-z0-9-]{0,63})\.json$/.exec(c.req.param('tilejson'))
    if (!m) throw notFound('Expected /tiles/{layer}.json')
    const layer = layerOr404(m[1]!)
    const query = c.req.query()
    parseFilters(layer, query)
    const bounds = await territoryBounds(c.var.db)
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(tileJson(new URL(c.req.url).origin, layer, query, bounds))
  })
  .get('/tiles/:layer/:z/:x/:tile', async (c) => {
    const layer = layerOr404(c.req.param('layer'))
    const coord = tileCoord(c, layer)
    const filters = parseFilters(layer, c.req.query())
    const gz = acceptsGzip(c.req.header('Accept-Encoding'))
    c.header('Cache-Control', `public, max-age=${layer.maxAge}`)
    c.header('Vary', 'Accept-Encoding')
    c.header('Access-Control-Allow-Origin', '*')
    if (coord === 'below-minzoom') return c.body(null, 204)

    const ifNoneMatch = c.req.header('If-None-Match')
    const cache = tileCacheFor(c.var.db)
    const tile = `${layer.id}/${coord.z}/${coord.x}/${coord.y}?${JSON.stringify(filters)}`
    const render = () => renderTile(c.var.db, c.var.dbKind, layer, coord, filters)
    let version: string
    let body: TileBytes
    if (c.var.dbKind === 'postgres' && !ifNoneMatch && !cache.has(tile)) {
      // A tile not seen before: its version comes with it, in one round trip.
      const cold = () => renderTileWithVersion(c.var.db, c.var.dbKind, layer, coord, filters)
      ;({ body, version } = await cache.cold(tile, cold))
    } else {
      version = await contentVersion(c.var.db, layer.version)
      // A layer whose ETag is its version answers a revalidation without building the tile.
      if (
        layer.etag === 'version' &&
        matchesIfNoneMatch(ifNoneMatch, contentTag(layer.id, version))
      ) {
        c.header('ETag', etagFor(contentTag(layer.id, version), gz))
        return c.body(null, 304)
      }
      body = await cache.body(tile, version, render)
    }
    const tag = layer.etag === 'version' ? contentTag(layer.id, version) : hashTag(layer.id, body)
    c.header('ETag', etagFor(tag, gz && body.byteLength > 0))
    if (matchesIfNoneMatch(ifNoneMatch, tag)) return c.body(null, 304)
    if (body.byteLength === 0) return c.body(null, 204)
    c.header('Content-Type', MVT_TYPE)
    if (!gz) return c.body(body)
    c.header('Content-Encoding', 'gzip')
    return c.body(await cache.gzipped(tile, version, render))
  })
