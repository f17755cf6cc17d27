// Stored responses of creating requests (sql/0013_idempotency_keys.sql).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

type DB = Kysely<Database>

/** A key is remembered this long; after that the same key starts afresh. */
export const KEY_TTL_HOURS = 24

export interface StoredKey {
  request_hash: string
  status: number | null
  content_type: string | null
  body: string | null
}

/** Claims the key for this request: true when it was free (or expired), false when taken. */
export async function claimKey(
  db: DB,
  k: { principal: string; key: string; requestHash: string },
): Promise<boolean> {
  await db
    .deleteFrom('idempotency_keys')
    .where('principal', '=', k.principal)
    .where('key', '=', k.key)
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${KEY_TTL_HOURS})`)
    .execute()
  const r = await db
    .insertInto('idempotency_keys')
    .values({ principal: k.principal, key: k.key, request_hash: k.requestHash })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0
}

export async function findKey(
  db: DB,
  k: { principal: string; key: string },
): Promise<StoredKey | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'content_type', 'body'])
    .where('principal', '=', k.principal)
    .where('key', '=', k.key)
    .executeTakeFirst()
}

export async function storeResponse(
  db: DB,
  k: { principal: string; key: string },
  res: { status: number; contentType: string | null; body: string },
) {
  await db
    .updateTable('idempotency_keys')
    .set({ status: res.status, content_type: res.contentType, body: res.body })
    .where('principal', '=', k.principal)
    .where('key', '=', k.key)
    .execute()
}

export async function releaseKey(db: DB, k: { principal: string; key: string }) {
  await db
    .deleteFrom('idempotency_keys')
    .where('principal', '=', k.principal)
    .where('key', '=', k.key)
    .where('status', 'is', null)
    .execute()
}

/** Housekeeping: forget keys past their lifetime (called now and then by the middleware). */
export async function purgeExpiredKeys(db: DB): Promise<number> {
  const r = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${KEY_TTL_HOURS})`)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
