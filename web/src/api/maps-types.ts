// The unconventional maps API's JSON as the web app reads it (api/maps/README.md). Dates arrive
// as ISO 8601 strings; geometry in EPSG:4326 with 7 decimals.
import type { LineString, Point, Polygon } from 'geojson'

export type FeatureKind = 'point' | 'line' | 'polygon' | 'label'
export type Visibility = 'private' | 'unlisted' | 'public'
export const VISIBILITIES: readonly Visibility[] = ['private', 'unlisted', 'public']
export const FEATURE_KINDS: readonly FeatureKind[] = ['point', 'line', 'polygon', 'label']

/** One of the group's own symbols. */
export interface LegendSymbol {
  key: string
  label: string
  /** #rrggbb */
  color: string
  emoji: string | null
  icon: string | null
  kinds: FeatureKind[]
}

/** A symbol as sent: the server makes the key from the label when it is missing. */
export type LegendSymbolInput = Omit<LegendSymbol, 'key'> & { key?: string }

export interface Meeting {
  place: string | null
  date: string | null
  point?: Point | null
}

export interface MapMe {
  role: string
  participantId: string | null
  pseudonym: string | null
  canDraw: boolean
  canManage: boolean
}

export interface MapJoinInfo {
  code: string | null
  codeExpiresAt: string | null
  linkActive: boolean
  linkCreatedAt: string | null
}

export interface MapInfo {
  id: string
  title: string
  description: string | null
  meeting: Meeting
  language: string
  visibility: Visibility
  status: string
  legend: LegendSymbol[]
  featureCount: number
  /** [west, south, east, north] or null for an empty map. */
  extent: [number, number, number, number] | null
  seq: number
  version: number
  createdAt: string
  updatedAt: string
  me: MapMe
  join: MapJoinInfo | null
}

/** A map in the public list: a Feature at the meeting point. */
export interface MapSummary {
  type: 'Feature'
  id: string
  geometry: Point | null
  properties: Pick<
    MapInfo,
    | 'id'
    | 'title'
    | 'description'
    | 'language'
    | 'visibility'
    | 'status'
    | 'featureCount'
    | 'extent'
    | 'legend'
    | 'createdAt'
    | 'updatedAt'
  > & { meeting: Meeting }
}

export interface MapList {
  type: 'FeatureCollection'
  features: MapSummary[]
  numberMatched?: number
  links?: { rel: string; href: string }[]
}

export interface Photo {
  id: string
  url: string
  thumbUrl: string
  format: string
  width: number
  height: number
  thumbWidth: number
  thumbHeight: number
}

export interface FeatureAuthor {
  kind: 'participant' | 'user'
  id: string | null
  name: string | null
}

export type DrawnGeometry = Point | LineString | Polygon

export interface DrawnProperties {
  id: string
  mapId: string
  kind: FeatureKind
  /** Terra Draw's mode it was drawn with (circle, freehand…), to reopen it as drawn. */
  mode: string | null
  symbol: string
  title: string | null
  note: string | null
  story: string | null
  photos: Photo[]
  author: FeatureAuthor
  status: string
  version: number
  createdAt: string
  updatedAt: string
}

export interface DrawnFeature {
  type: 'Feature'
  id: string
  geometry: DrawnGeometry
  properties: DrawnProperties
}

export interface DrawnCollection {
  type: 'FeatureCollection'
  seq: number
  features: DrawnFeature[]
}

/** What a drawing's author sets; the rest is the server's. */
export interface FeatureFields {
  kind: FeatureKind
  mode: string | null
  symbol: string
  title: string | null
  note: string | null
  story: string | null
  geometry: DrawnGeometry
}

export interface TemplateSymbol {
  key: string
  label: { it: string; en: string }
  color: string
  emoji: string
  kinds: FeatureKind[]
}

export interface LegendTemplate {
  key: string
  title: { it: string; en: string }
  description: { it: string; en: string }
  symbols: TemplateSymbol[]
}

export interface NewMap {
  title: string
  description?: string | null
  meeting?: { place?: string | null; date?: string | null; point?: Point | null }
  language?: string
  visibility?: Visibility
  legend?: LegendSymbolInput[]
  template?: string
}

export type MapChangeBody = Partial<Omit<NewMap, 'template'>> & { version: number }

export interface Participant {
  id: string
  pseudonym: string
  joinedAt: string
  joinedVia?: string
  removedAt?: string | null
}

export interface JoinPreview {
  map: Pick<MapInfo, 'id' | 'title' | 'description' | 'meeting' | 'language' | 'visibility'>
}

/** One change of the live stream (`event: change`). */
export type MapChange = { seq: number } & (
  | { type: 'feature.created' | 'feature.updated' | 'feature.restored'; feature: DrawnFeature }
  | { type: 'feature.deleted' | 'feature.hidden'; featureId: string }
  | { type: 'photo.added'; featureId: string; photo: Photo }
  | { type: 'photo.deleted'; featureId: string; photoId: string }
  | { type: 'map.updated'; map: Omit<MapInfo, 'me' | 'join'> }
  | { type: 'comment.created'; comment: { id: string; target: { kind: string; id: string } } }
  | { type: 'participant.joined'; participant: Participant }
  | { type: 'participant.removed'; participantId: string }
)
