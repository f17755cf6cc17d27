// Table types of the unconventional maps (sql/0040_maps.sql … 0042_map_changes.sql), merged
// into the Database interface (api/db/database.ts). Columns in snake_case as in sql/.
import type { ColumnType, Generated } from 'kysely'
import type { ContentStatusColumn, Geometry } from '../db/database.ts'
import type { GeometryValue } from '../db/geo.ts'

type CreatedAt = ColumnType<Date, never, never>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>
type Json<T> = ColumnType<T, string, string>

export type MapVisibility = 'private' | 'unlisted' | 'public'
export type FeatureKind = 'point' | 'line' | 'polygon' | 'label'

/** One symbol of a map's legend (api/maps/legend.ts checks them on the way in). */
export interface LegendSymbol {
  key: string
  label: string
  color: string
  emoji: string | null
  icon: string | null
  kinds: FeatureKind[]
}

export interface MapsTable {
  id: Generated<string>
  seq: ColumnType<string, never, never>
  title: string
  description: string | null
  meeting_place: string | null
  meeting_point: ColumnType<never, GeometryValue | null, GeometryValue | null>
  met_on: ColumnType<string | null, string | null, string | null>
  language: string
  visibility: MapVisibility
  legend: Json<LegendSymbol[]>
  status: ColumnType<ContentStatusColumn, ContentStatusColumn | undefined, ContentStatusColumn>
  owner_id: string | null
  join_code: ColumnType<string | null, string | null | undefined, string | null>
  join_code_expires_at: NullableTimestamp
  link_token_hash: ColumnType<string | null, string | null | undefined, string | null>
  link_created_at: NullableTimestamp
  last_seq: ColumnType<string, never, string>
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface MapParticipantsTable {
  id: Generated<string>
  map_id: string
  pseudonym: string
  token_hash: string
  joined_via: 'link' | 'code'
  created_at: CreatedAt
  removed_at: NullableTimestamp
}

export interface MapJoinAttemptsTable {
  id: ColumnType<string, never, never>
  client_key: string
  at: Timestamp
}

export interface MapFeaturesTable {
  id: Generated<string>
  seq: ColumnType<string, never, never>
  map_id: string
  kind: FeatureKind
  mode: string | null
  symbol: string
  title: string | null
  note: string | null
  story: string | null
  geom: Geometry
  status: ColumnType<ContentStatusColumn, ContentStatusColumn | undefined, ContentStatusColumn>
  author_id: string | null
  participant_id: string | null
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Timestamp
}

export type PhotoFormat = 'jpeg' | 'png' | 'webp'

export interface MapPhotosTable {
  id: Generated<string>
  map_id: string
  feature_id: string
  format: PhotoFormat
  width: number
  height: number
  bytes: number
  thumb_width: number
  thumb_height: number
  author_id: string | null
  participant_id: string | null
  created_at: CreatedAt
}

export interface MapChangesTable {
  map_id: string
  seq: ColumnType<string, string, never>
  type: string
  feature_id: string | null
  entity_id: string | null
  members_only: ColumnType<boolean, boolean | undefined, boolean>
  payload: ColumnType<unknown, string, string>
  at: CreatedAt
}

export interface MapsTables {
  maps: MapsTable
  map_participants: MapParticipantsTable
  map_join_attempts: MapJoinAttemptsTable
  map_features: MapFeaturesTable
  map_photos: MapPhotosTable
  map_changes: MapChangesTable
}
