// Table types for Kysely: one interface per table, columns in snake_case as in sql/.
import type { ColumnType, Generated, Kysely } from 'kysely'
import type { MapsTables } from '../maps/maps.table.ts'
import type { GeometryValue } from './geo.ts'

/** Geometry columns are never selected raw (they go out through ST_AsGeoJSON) and are written
 * only from SQL expressions built in geo.ts. */
export type Geometry = ColumnType<never, GeometryValue, GeometryValue>

export type AreaKind = 'municipality' | 'district' | 'zone'

export interface AreasTable {
  id: string
  kind: AreaKind
  code: string
  name: string
  parent_id: string | null
  population: number | null
  /** Census and registry figures, by indicator key (see api/areas/indicators.ts). */
  indicators: ColumnType<Record<string, number>, string, string>
  source: string
  geom: Geometry
  created_at: ColumnType<Date, never, never>
}

export interface SchemaMigrationsTable {
  version: number
  name: string
  checksum: string
  applied_at: ColumnType<Date, never, never>
}

export interface SeedsTable {
  name: string
  checksum: string
  loaded_at: ColumnType<Date, never, never>
  rows: Generated<number>
}

export type Role = 'resident' | 'facilitator' | 'antenna' | 'planner' | 'moderator' | 'admin'

type CreatedAt = ColumnType<Date, never, never>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>

export interface UsersTable {
  id: Generated<string>
  email: string
  display_name: string
  password_hash: string
  role: Role
  created_at: CreatedAt
  updated_at: Timestamp
  last_login_at: NullableTimestamp
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: ColumnType<Date, Date | string, Date | string>
}

export interface InvitationsTable {
  id: Generated<string>
  token_hash: string
  role: Role
  email: string | null
  created_by: string | null
  created_at: CreatedAt
  expires_at: ColumnType<Date, Date | string, Date | string>
  revoked_at: NullableTimestamp
  accepted_at: NullableTimestamp
  accepted_by: string | null
}

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export interface AuditLogTable {
  id: ColumnType<string, never, never>
  at: CreatedAt
  actor_id: string | null
  actor_role: string
  action: string
  target_kind: string
  target_id: string | null
  reason: string | null
  before: ColumnType<unknown, string | null, never>
  after: ColumnType<unknown, string | null, never>
}

export interface LoginAttemptsTable {
  id: ColumnType<string, never, never>
  account_key: string
  at: Timestamp
}

export interface ReportsTable {
  id: ColumnType<string, never, never>
  kind: string
  item_id: string
  reporter_key: string
  reporter_id: string | null
  reason: string
  created_at: CreatedAt
  resolved_at: NullableTimestamp
}

export interface SettingsTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_at: Timestamp
}

export type SignalTheme =
  | 'food'
  | 'housing'
  | 'work'
  | 'family'
  | 'health'
  | 'education'
  | 'digital'
  | 'social_ties'
  | 'legal_debt'
  | 'other'

/** Private (sql/0020_need_signals.sql): the point reaches only its author and admins. */
export interface NeedSignalsTable {
  id: Generated<string>
  theme: SignalTheme
  severity: number
  note: string | null
  observed_on: ColumnType<string, string, string>
  author_id: string | null
  origin: Generated<'field' | 'synthetic'>
  client_key: string | null
  geom: Geometry
  /** Filled in by the database from the point (sql/0021_need_signal_areas.sql). */
  zone_id: ColumnType<string | null, never, never>
  district_id: ColumnType<string | null, never, never>
  municipality_id: ColumnType<string | null, never, never>
  created_at: CreatedAt
  updated_at: Timestamp
  version: ColumnType<number, number | undefined, number>
}

export type ContentStatusColumn = 'pending' | 'published' | 'hidden' | 'rejected'

/** Places of community (sql/0010_places.sql). */
export interface PlacesTable {
  id: Generated<string>
  seq: ColumnType<string, never, never>
  category: string
  name: string
  description: string | null
  story: string | null
  address: string | null
  geom: Geometry
  status: ContentStatusColumn
  author_id: string | null
  pseudonym: string | null
  /** Bulk import (sql/0030_external_ids.sql): NULL for content made in the app. */
  source: ColumnType<string | null, string | null | undefined, string | null>
  external_id: ColumnType<string | null, string | null | undefined, string | null>
  attribution: ColumnType<string | null, string | null | undefined, string | null>
  search_text: string
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Timestamp
}

/** Resources of the network, HSDS-named (sql/0011_resources.sql). */
export interface ResourcesTable {
  id: Generated<string>
  seq: ColumnType<string, never, never>
  name: string
  description: string | null
  themes: string[]
  organization_name: string | null
  email: string | null
  phone: string | null
  url: string | null
  schedule: ColumnType<unknown[], string, string>
  eligibility_description: string | null
  languages: string[]
  accessibility: string | null
  address: string | null
  geom: Geometry
  service_area: ColumnType<never, GeometryValue | null, GeometryValue | null>
  assured_date: ColumnType<string | null, string | null, string | null>
  status: ContentStatusColumn
  author_id: string | null
  /** Bulk import (sql/0030_external_ids.sql): NULL for content made in the app. */
  source: ColumnType<string | null, string | null | undefined, string | null>
  external_id: ColumnType<string | null, string | null | undefined, string | null>
  attribution: ColumnType<string | null, string | null | undefined, string | null>
  search_text: string
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Timestamp
}

/** Comments on places and resources (sql/0012_comments.sql). */
export interface CommentsTable {
  id: Generated<string>
  seq: ColumnType<string, never, never>
  place_id: string | null
  resource_id: string | null
  parent_id: string | null
  body: string
  reaction: string | null
  status: ContentStatusColumn
  author_id: string | null
  pseudonym: string | null
  /** Comments on unconventional maps and their features (sql/0043_map_comments.sql). */
  map_id: ColumnType<string | null, string | null | undefined, string | null>
  map_feature_id: ColumnType<string | null, string | null | undefined, string | null>
  map_participant_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
  updated_at: Timestamp
}

/** Stored responses of creating requests (sql/0013_idempotency_keys.sql). */
export interface IdempotencyKeysTable {
  principal: string
  key: string
  request_hash: string
  status: number | null
  content_type: string | null
  body: string | null
  created_at: CreatedAt
}

/** Content versions of the vector-tile layers (sql/0050_tile_versions.sql), written by triggers
 * only. bigint: a string from pg, a number or bigint from PGlite. */
export interface TileVersionsTable {
  source: string
  version: ColumnType<string | number | bigint, never, never>
  updated_at: ColumnType<Date, never, never>
}

/** Parks and gardens of the offline basemap (sql/0051_green_areas.sql, api/basemap/green.ts). */
export interface GreenAreasTable {
  id: number
  name: string | null
  geom: Geometry
}

export interface Database extends MapsTables {
  areas: AreasTable
  schema_migrations: SchemaMigrationsTable
  seeds: SeedsTable
  users: UsersTable
  sessions: SessionsTable
  invitations: InvitationsTable
  audit_log: AuditLogTable
  login_attempts: LoginAttemptsTable
  reports: ReportsTable
  settings: SettingsTable
  need_signals: NeedSignalsTable
  places: PlacesTable
  resources: ResourcesTable
  comments: CommentsTable
  idempotency_keys: IdempotencyKeysTable
  tile_versions: TileVersionsTable
  green_areas: GreenAreasTable
}

export type DB = Kysely<Database>
