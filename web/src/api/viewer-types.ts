// What the viewer reads from the API besides areas: search answers, the places and resources in
// view (GeoJSON, RFC 7946, with OGC paging members) and a resource's detail (Open Referral HSDS
// names, camelCase). Places' own shapes are in client.ts (PlaceFeature).

export type Position = [number, number]

export interface PlaceHit {
  kind: 'place'
  id: string
  name: string
  category: string
  point: Position
}
export interface ResourceHit {
  kind: 'resource'
  id: string
  name: string
  themes: string[]
  point: Position
}
export interface AreaHit {
  kind: 'area'
  id: string
  name: string
  areaKind: 'municipality' | 'district' | 'zone'
  code: string
  bbox: [number, number, number, number]
}
export type SearchHit = PlaceHit | ResourceHit | AreaHit

export interface SearchAnswer {
  query: string
  places: PlaceHit[]
  resources: ResourceHit[]
  areas: AreaHit[]
}

/** A place or resource in a list: what the list and the counts need of either. */
export interface ViewerItemFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: Position }
  properties: {
    id: string
    name: string
    category?: string
    themes?: string[]
    status: string
  }
}

export interface ViewerItemCollection {
  type: 'FeatureCollection'
  numberMatched: number
  numberReturned: number
  features: ViewerItemFeature[]
}

export interface ScheduleEntry {
  byday: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
  opensAt: string
  closesAt: string
  description?: string
}

export interface ResourceProperties {
  id: string
  name: string
  description: string | null
  themes: string[]
  organization: string | null
  email: string | null
  phone: string | null
  url: string | null
  schedule: ScheduleEntry[]
  eligibilityDescription: string | null
  languages: string[]
  accessibility: string | null
  address: string | null
  /** Last verified (YYYY-MM-DD). */
  assuredDate: string | null
  status: string
  own: boolean
  version: number
  createdAt: string
  updatedAt: string
}

export interface ResourceFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: Position }
  properties: ResourceProperties
}
