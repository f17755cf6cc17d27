// The JSON documents of OGC API – Features Part 1 (§7.2 landing page, §7.4 conformance,
// §7.13–7.14 collections): links with rel, type and title; extents in CRS84.
import type { CollectionExtent, OgcCollection } from './collection.ts'
import { link, type Link } from './links.ts'
import { CONFORMANCE, CRS84, GREGORIAN, MEDIA } from './media.ts'

export const API_TITLE = 'Intrecci — OGC API – Features'
export const API_DESCRIPTION =
  'Public layers of Intrecci, the community map for social inclusion in Turin: places of ' +
  'community, resources of the network, areas of the territory, and need signals as ' +
  'aggregated, suppressed counts (never exact points).'

export function landingPage(root: string) {
  return {
    title: API_TITLE,
    description: API_DESCRIPTION,
    links: [
      link(root, 'self', MEDIA.json, 'This document'),
      link(`${root}/api`, 'service-desc', MEDIA.openapi, 'The API definition (OpenAPI 3.0)'),
      link(`${root}/conformance`, 'conformance', MEDIA.json, 'Conformance classes implemented'),
      link(`${root}/collections`, 'data', MEDIA.json, 'The collections of features'),
    ],
  }
}

export function conformance() {
  return { conformsTo: [...CONFORMANCE] }
}

export function collectionDocument(root: string, c: OgcCollection, extent: CollectionExtent) {
  const self = `${root}/collections/${c.id}`
  const links: Link[] = [
    link(self, 'self', MEDIA.json, 'This collection'),
    link(`${self}/items`, 'items', MEDIA.geojson, `${c.title}: items as GeoJSON`),
    link(`${root}/collections`, 'collection', MEDIA.json, 'All collections'),
  ]
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    keywords: c.keywords,
    attribution: c.attribution,
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: [extent.bbox], crs: CRS84 },
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: GREGORIAN } } : {}),
    },
    links,
  }
}

export function collectionsDocument(
  root: string,
  collections: { collection: OgcCollection; extent: CollectionExtent }[],
) {
  return {
    links: [link(`${root}/collections`, 'self', MEDIA.json, 'The collections')],
    collections: collections.map((x) => collectionDocument(root, x.collection, x.extent)),
  }
}
