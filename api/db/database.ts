// Table types for Kysely: one interface per table, columns in snake_case as in sql/.
import type { ColumnType, Generated, Kysely } from 'kysely'
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

export interface Database {
  areas: AreasTable
  schema_migrations: SchemaMigrationsTable
  seeds: SeedsTable
}

export type DB = Kysely<Database>
