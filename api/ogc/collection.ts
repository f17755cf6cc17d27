// What every collection of /ogc provides: its metadata, its property filters, and how to read a
// page of items or one item. The routes (ogc.routes.ts), the collection documents
// (metadata.ts) and the OpenAPI document (openapi.ts) are all built from these definitions, so
// what is described is what is served.
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import type { Bbox } from './params.ts'

export interface Feature {
  type: 'Feature'
  id: string
  geometry: unknown
  properties: Record<string, unknown>
}

/** A property filter `name=value` (Part 1 §7.15.5): a key from `values`, or with `multiple` a
 * comma-separated list of keys (any of them matches). Without `values`, free text ≤ 100. */
export interface FilterDef {
  name: string
  description: string
  values?: readonly string[]
  multiple?: boolean
}

/** What `datetime` filters on: the last change (`updatedAt`), whole ISO weeks of observation,
 * or nothing (areas have no time: every feature matches, as the standard says). */
export type TimeKind = 'updated' | 'weeks' | 'none'

export interface ItemsRequest {
  limit: number
  bbox?: Bbox | undefined
  /** The raw `datetime` value: each collection reads it as its TimeKind says. */
  datetime?: string | undefined
  /** The raw `cursor` value from a previous page's link. */
  cursor?: string | undefined
  /** Filter values by filter name, already checked against FilterDef. */
  filters: Record<string, string[]>
}

export interface ItemsPage {
  features: Feature[]
  numberMatched: number
  /** Cursor tokens of the neighbouring pages, if any. */
  next?: string | undefined
  prev?: string | undefined
}

export interface CollectionExtent {
  /** [minLon, minLat, maxLon, maxLat], CRS84. */
  bbox: Bbox
  /** First and last instant (RFC 3339), open ends null; absent when the data has no time. */
  interval?: [string | null, string | null] | undefined
}

export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon'

export interface Deps {
  db: Kysely<Database>
  config: Config
}

export interface OgcCollection {
  id: string
  title: string
  description: string
  keywords: readonly string[]
  /** Attribution shown by clients (same text as the exports). */
  attribution: string
  time: TimeKind
  /** The GeoJSON geometry type of every item, or the types items may have (mixed). */
  geometryType: GeometryType | readonly GeometryType[]
  filters: readonly FilterDef[]
  /** JSON Schemas of the item properties, for the OpenAPI document. */
  properties: Record<string, object>
  extent(deps: Deps): Promise<CollectionExtent>
  items(deps: Deps, request: ItemsRequest): Promise<ItemsPage>
  /** One item; undefined when there is no such (public) item. */
  item(deps: Deps, featureId: string): Promise<Feature | undefined>
}
