// Media types, conformance classes and CRS identifiers of OGC API – Features – Part 1: Core
// (OGC 17-069r4, https://docs.ogc.org/is/17-069r4/17-069r4.html). Only the classes this API
// really implements are declared: no HTML encoding is served, so `html` is not among them.
import type { Context } from 'hono'

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const

const CONF = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf'
export const CONFORMANCE = [`${CONF}/core`, `${CONF}/geojson`, `${CONF}/oas30`] as const

/** WGS 84 longitude/latitude (axis order lon, lat): the only CRS of Part 1, and ours. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
/** The Gregorian calendar, for temporal extents. */
export const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'

/** A JSON answer with its exact media type. Public data, read by other sites too: any origin
 * may read it (no cookie is ever looked at under /ogc). */
export function send(c: Context, body: unknown, type: string, status: 200 | 400 | 404 = 200) {
  c.header('Content-Type', type)
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cache-Control', 'public, max-age=60')
  return c.body(JSON.stringify(body), status)
}
