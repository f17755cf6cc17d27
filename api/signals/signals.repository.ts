// Need signals: the author's and admins' view (exact points). Every function takes `db` first.
// `owner` scopes a query: a user id sees only that author's signals, null sees all (admins).
// Scoping happens in SQL, so another author's signal is indistinguishable from a missing one.
import { sql, type Kysely } from 'kysely'
import type { Database, SignalTheme } from '../db/database.ts'
import { asGeoJSON, geomFromGeoJSON } from '../db/geo.ts'
import { isUuid } from '../uuid.ts'

export type Owner = string | null

function selectSignals(db: Kysely<Database>) {
  return db.selectFrom('need_signals as s').select((eb) => [
    's.id',
    's.theme',
    's.severity',
    's.note',
    sql<string>`s.observed_on::text`.as('observed_on'),
    's.author_id',
    's.origin',
    's.zone_id',
    's.district_id',
    's.municipality_id',
    's.created_at',
    's.updated_at',
    's.version',
    // Full precision for the keyset cursor (a JS Date keeps milliseconds only).
    sql<string>`to_json(s.created_at)#>>'{}'`.as('created_key'),
    asGeoJSON(eb.ref('s.geom')).as('geometry'),
  ])
}

export type SignalRecord = Awaited<
  ReturnType<ReturnType<typeof selectSignals>['executeTakeFirstOrThrow']>
>

export interface NewSignal {
  theme: SignalTheme
  severity: number
  note: string | null
  observedOn: string
  geometry: object
  authorId: string
  clientKey: string | null
}

/** Inserts; with a client key already used by this author, returns the stored signal instead
 * (`created: false`). */
export async function insertSignal(
  db: Kysely<Database>,
  s: NewSignal,
): Promise<{ id: string; created: boolean }> {
  const row = await db
    .insertInto('need_signals')
    .values({
      theme: s.theme,
      severity: s.severity,
      note: s.note,
      observed_on: s.observedOn,
      author_id: s.authorId,
      client_key: s.clientKey,
      geom: geomFromGeoJSON(s.geometry),
    })
    .onConflict((oc) => oc.columns(['author_id', 'client_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (row) return { id: row.id, created: true }
  const existing = await db
    .selectFrom('need_signals')
    .select('id')
    .where('author_id', '=', s.authorId)
    .where('client_key', '=', s.clientKey)
    .executeTakeFirstOrThrow()
  return { id: existing.id, created: false }
}

export function findSignal(db: Kysely<Database>, id: string, owner: Owner) {
  if (!isUuid(id)) return Promise.resolve(undefined)
  let q = selectSignals(db).where('s.id', '=', id)
  if (owner !== null) q = q.where('s.author_id', '=', owner)
  return q.executeTakeFirst()
}

export interface ListFilter {
  owner: Owner
  theme?: SignalTheme | undefined
  limit: number
  after?: { createdKey: string; id: string } | undefined
}

/** Newest first; keyset pagination on (created_at, id). */
export function listSignals(db: Kysely<Database>, f: ListFilter) {
  let q = selectSignals(db)
  if (f.owner !== null) q = q.where('s.author_id', '=', f.owner)
  if (f.theme) q = q.where('s.theme', '=', f.theme)
  if (f.after) {
    const { createdKey, id } = f.after
    q = q.where(sql<boolean>`(s.created_at, s.id) < (${createdKey}::timestamptz, ${id}::uuid)`)
  }
  return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(f.limit).execute()
}

export function countSignals(db: Kysely<Database>, f: Pick<ListFilter, 'owner' | 'theme'>) {
  let q = db.selectFrom('need_signals as s').select((eb) => eb.fn.countAll<string>().as('n'))
  if (f.owner !== null) q = q.where('s.author_id', '=', f.owner)
  if (f.theme) q = q.where('s.theme', '=', f.theme)
  return q.executeTakeFirstOrThrow().then((r) => Number(r.n))
}

export interface SignalChanges {
  theme?: SignalTheme | undefined
  severity?: number | undefined
  note?: string | null | undefined
  observedOn?: string | undefined
  geometry?: object | undefined
}

/** Applies the changes if the signal is at `version`: true when it changed. */
export async function updateSignal(
  db: Kysely<Database>,
  u: { id: string; owner: Owner; version: number; changes: SignalChanges },
): Promise<boolean> {
  const c = u.changes
  let q = db
    .updateTable('need_signals')
    .set((eb) => ({
      ...(c.theme !== undefined ? { theme: c.theme } : {}),
      ...(c.severity !== undefined ? { severity: c.severity } : {}),
      ...(c.note !== undefined ? { note: c.note } : {}),
      ...(c.observedOn !== undefined ? { observed_on: c.observedOn } : {}),
      ...(c.geometry !== undefined ? { geom: geomFromGeoJSON(c.geometry) } : {}),
      version: eb('version', '+', 1),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', u.id)
    .where('version', '=', u.version)
  if (u.owner !== null) q = q.where('author_id', '=', u.owner)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function deleteSignal(db: Kysely<Database>, id: string, owner: Owner) {
  let q = db.deleteFrom('need_signals').where('id', '=', id)
  if (owner !== null) q = q.where('author_id', '=', owner)
  const r = await q.executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
