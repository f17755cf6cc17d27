import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { asGeoJSON } from '../db/geo.ts'

/** The centre of each municipality's largest inscribed circle: inside it, far from its edges. */
export function municipalityLabelPoints(db: Kysely<Database>) {
  return db
    .selectFrom('areas')
    .where('kind', '=', 'municipality')
    .select((eb) => [
      'id',
      'name',
      asGeoJSON(sql`(ST_MaximumInscribedCircle(${eb.ref('geom')})).center`).as('geometry'),
    ])
    .orderBy('id')
    .execute()
}
