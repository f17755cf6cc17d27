// The API's JSON shapes, as the web app reads them. GeoJSON per RFC 7946.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'

export const AREA_KINDS = ['municipality', 'district', 'zone'] as const
export type AreaKind = (typeof AREA_KINDS)[number]

export interface AppConfig {
  basemap: {
    /** An http(s) style URL, or 'offline'. */
    style: string
    /** Path of the offline style served by the API. */
    offlineStyle: string
    attribution: string
  }
  accounts: {
    /** Visitors may register as residents (otherwise accounts come by invitation only). */
    selfRegistration: boolean
  }
}

export interface AreaProperties {
  id: string
  kind: AreaKind
  code: string
  name: string
  population: number | null
  parent: { id: string; name: string } | null
  /** Known figures only (see GET /api/areas/indicators); keys absent when unknown. */
  indicators: Record<string, number>
  source: string
}

export type AreaFeature = Feature<MultiPolygon | Polygon, AreaProperties> & {
  id: string
  bbox?: [number, number, number, number]
}

export interface AreaCollection extends FeatureCollection<MultiPolygon | Polygon, AreaProperties> {
  features: AreaFeature[]
}

export interface IndicatorDef {
  key: string
  kind: 'count' | 'area'
  year: number
}

/** The error body of every failed API call, and of a network failure on our side. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}
