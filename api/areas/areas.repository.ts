// Areas: read access. Every function takes `db` first (a Kysely instance or a transaction).
import { sql, type Kysely } from 'kysely'
import type { AreaKind, Database } from '../db/database.ts'
import { asGeoJSON, bbox } from '../db/geo.ts'

function selectAreas(db: Kysely<Database>) {
  return db
    .selectFrom('areas as a')
    .leftJoin('areas as p', 'p.id', 'a.parent_id')
    .select((eb) => [
      'a.id',
      'a.kind',
      'a.code',
      'a.name',
      'a.parent_id',
      'p.name as parent_name',
      'a.population',
      'a.indicators',
      'a.source',
      asGeoJSON(eb.ref('a.geom')).as('geometry'),
      bbox(eb.ref('a.geom')).as('bbox'),
    ])
}

export type AreaRecord = Awaited<
  ReturnType<ReturnType<typeof selectAreas>['executeTakeFirstOrThrow']>
>

export function listAreas(db: Kysely<Database>, filter: { kind?: AreaKind | undefined }) {
  let q = selectAreas(db)
  if (filter.kind) q = q.where('a.kind', '=', filter.kind)
  return q.orderBy('a.kind').orderBy('a.code').execute()
}

export function findArea(db: Kysely<Database>, id: string) {
  return selectAreas(db).where('a.id', '=', id).executeTakeFirst()
}

/** The bounding box of each kind of area, [minLon, minLat, maxLon, maxLat] in EPSG:4326. */
export function areaExtents(db: Kysely<Database>) {
  return db
    .selectFrom('areas as a')
    .select(['a.kind', bbox(sql`ST_Extent(a.geom)`).as('bbox')])
    .groupBy('a.kind')
    .execute()
}
