// GET /ogc/collections/{id}/items and …/items/{featureId}: the query checked once at the edge
// (params.ts), the page from the collection, and the GeoJSON envelope of Part 1 §7.15–7.16
// (numberMatched, numberReturned, timeStamp, links self / collection / next / prev).
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import type { Deps, FilterDef, ItemsRequest, OgcCollection } from './collection.ts'
import { link, requestUrl, rootUrl, withQuery, type Link } from './links.ts'
import { MEDIA, send } from './media.ts'
import { checkFormat, invalidParam, parseBbox, parseLimit, rejectUnknown } from './params.ts'
import { collectionById } from './registry.ts'

const ITEMS_PARAMETERS = ['f', 'limit', 'bbox', 'datetime', 'cursor'] as const

export function collectionOf(c: Context<AppEnv>): OgcCollection {
  const id = c.req.param('collectionId') ?? ''
  const collection = collectionById(id)
  if (!collection) throw notFound(`No collection "${id.slice(0, 60)}"`)
  return collection
}

export const depsOf = (c: Context<AppEnv>): Deps => ({ db: c.var.db, config: c.var.config })

function parseFilter(f: FilterDef, value: string): string[] {
  if (!f.values) {
    if (value.length > 100) throw invalidParam(f.name, 'at most 100 characters')
    return [value]
  }
  const items = f.multiple ? value.split(',').map((s) => s.trim()) : [value]
  for (const item of items) {
    if (!f.values.includes(item)) {
      throw invalidParam(
        f.name,
        `unknown value "${item.slice(0, 40)}" (one of ${f.values.join(', ')})`,
      )
    }
  }
  return items
}

export function itemsRequest(collection: OgcCollection, query: Record<string, string>) {
  rejectUnknown(query, [...ITEMS_PARAMETERS, ...collection.filters.map((f) => f.name)])
  checkFormat(query.f)
  const filters: Record<string, string[]> = {}
  for (const f of collection.filters) {
    if (query[f.name] !== undefined) filters[f.name] = parseFilter(f, query[f.name]!)
  }
  const request: ItemsRequest = {
    limit: parseLimit(query.limit),
    bbox: parseBbox(query.bbox),
    datetime: query.datetime,
    cursor: query.cursor,
    filters,
  }
  return request
}

export async function itemsResponse(c: Context<AppEnv>) {
  const collection = collectionOf(c)
  const request = itemsRequest(collection, c.req.query())
  const page = await collection.items(depsOf(c), request)
  const self = requestUrl(c)
  const root = rootUrl(c)
  const links: Link[] = [
    link(self, 'self', MEDIA.geojson, 'This page'),
    link(`${root}/collections/${collection.id}`, 'collection', MEDIA.json, collection.title),
  ]
  if (page.next) {
    links.push(link(withQuery(self, { cursor: page.next }), 'next', MEDIA.geojson, 'Next page'))
  }
  if (page.prev) {
    links.push(link(withQuery(self, { cursor: page.prev }), 'prev', MEDIA.geojson, 'Previous page'))
  }
  return send(
    c,
    {
      type: 'FeatureCollection',
      timeStamp: new Date().toISOString(),
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      features: page.features,
      links,
    },
    MEDIA.geojson,
  )
}

export async function itemResponse(c: Context<AppEnv>) {
  const collection = collectionOf(c)
  const query = c.req.query()
  rejectUnknown(query, ['f'])
  checkFormat(query.f)
  const featureId = c.req.param('featureId') ?? ''
  const feature = await collection.item(depsOf(c), featureId)
  if (!feature) throw notFound(`No feature "${featureId.slice(0, 60)}" in ${collection.id}`)
  const root = rootUrl(c)
  const collectionUrl = `${root}/collections/${collection.id}`
  return send(
    c,
    {
      ...feature,
      links: [
        link(
          `${collectionUrl}/items/${encodeURIComponent(feature.id)}`,
          'self',
          MEDIA.geojson,
          'This feature',
        ),
        link(collectionUrl, 'collection', MEDIA.json, collection.title),
      ],
    },
    MEDIA.geojson,
  )
}
