// /ogc: OGC API – Features – Part 1: Core, with the GeoJSON and OpenAPI 3.0 classes
// (OGC 17-069r4, https://docs.ogc.org/is/17-069r4/17-069r4.html). Public, read-only, no
// session: what a visitor may see, in the form QGIS, GDAL/OGR and other sites read.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { collectionOf, depsOf, itemResponse, itemsResponse } from './items.ts'
import { rootUrl } from './links.ts'
import { MEDIA, send } from './media.ts'
import { collectionDocument, collectionsDocument, conformance, landingPage } from './metadata.ts'
import { openApiDocument } from './openapi.ts'
import { checkFormat, rejectUnknown } from './params.ts'
import { COLLECTIONS } from './registry.ts'

/** Documents take only `f`. */
function onlyFormat(c: Context) {
  const query = c.req.query()
  rejectUnknown(query, ['f'])
  checkFormat(query.f)
}

export const ogcRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    onlyFormat(c)
    return send(c, landingPage(rootUrl(c)), MEDIA.json)
  })
  .get('/conformance', (c) => {
    onlyFormat(c)
    return send(c, conformance(), MEDIA.json)
  })
  .get('/api', (c) => {
    onlyFormat(c)
    return send(c, openApiDocument(rootUrl(c), COLLECTIONS), MEDIA.openapi)
  })
  .get('/collections', async (c) => {
    onlyFormat(c)
    const deps = depsOf(c)
    const all = await Promise.all(
      COLLECTIONS.map(async (collection) => ({
        collection,
        extent: await collection.extent(deps),
      })),
    )
    return send(c, collectionsDocument(rootUrl(c), all), MEDIA.json)
  })
  .get('/collections/:collectionId', async (c) => {
    onlyFormat(c)
    const collection = collectionOf(c)
    const extent = await collection.extent(depsOf(c))
    return send(c, collectionDocument(rootUrl(c), collection, extent), MEDIA.json)
  })
  .get('/collections/:collectionId/items', itemsResponse)
  .get('/collections/:collectionId/items/:featureId', itemResponse)
  .all('*', () => {
    throw notFound('No such OGC API resource')
  })
