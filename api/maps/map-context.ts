// What the maps' routes share: the map as the caller may see it, the write transaction that
// locks the map and records the change, and the 409 of a stale edit.
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import type { Actor } from '../audit/audit.ts'
import type { Database } from '../db/database.ts'
import { ApiError, notFound } from '../errors.ts'
import { accessTo, assertCanRead, participantOf, type MapAccess } from './access.ts'
import { findMap, lockMap, type LockedMap, type MapRow } from './maps.repository.ts'

/** The map and what the caller may do on it; 404 when the caller may not read it. */
export async function readableMap(
  c: Context<AppEnv>,
  id: string,
): Promise<{ map: MapRow; access: MapAccess }> {
  const map = await findMap(c.var.db, id)
  if (!map) throw notFound('No map with this id')
  const access = accessTo(map, c.var.user, await participantOf(c, id))
  assertCanRead(access)
  return { map, access }
}

/**
 * Runs `fn` in a transaction holding the map row's lock, with the caller's access computed on
 * the locked row, then wakes the map's live streams once committed. The participant is looked up on every request: a removed one is refused at once.
 */
export async function writeMap<T>(
  c: Context<AppEnv>,
  mapId: string,
  fn: (tx: Kysely<Database>, map: LockedMap, access: MapAccess) => Promise<T>,
): Promise<T> {
  const participant = await participantOf(c, mapId)
  const result = await c.var.db.transaction().execute(async (tx) => {
    const map = await lockMap(tx, mapId)
    if (!map) throw notFound('No map with this id')
    const access = accessTo(map, c.var.user, participant)
    return fn(tx, map, access)
  })
  c.var.mapEvents.publish(mapId)
  return result
}

/** Who acts, for the audit log: an account, or a map participant (by id, never a name). */
export function mapActor(c: Context<AppEnv>, access: MapAccess): Actor {
  const user = c.var.user
  if (user) return { id: user.id, role: user.role }
  return {
    id: access.participant?.id ?? null,
    role: access.participant ? 'map_participant' : 'visitor',
  }
}

/** An edit or delete based on an older version: refused with the current state. */
export class VersionConflict extends Error {
  constructor(
    readonly what: 'feature' | 'map',
    readonly current: unknown,
    readonly currentVersion: number,
  ) {
    super('version conflict')
  }
}

/** Runs the handler, turning a VersionConflict into its 409 response:
 * `{ error: { code: 'version_conflict', … }, current: <the feature or map as it is now> }`. */
export async function answeringConflicts(
  c: Context<AppEnv>,
  handler: () => Promise<Response>,
): Promise<Response> {
  try {
    return await handler()
  } catch (err) {
    if (!(err instanceof VersionConflict)) throw err
    const message =
      `Someone changed this ${err.what} since you loaded it (now at version ` +
      `${err.currentVersion}): merge your change into the current one, or retry`
    c.header('Cache-Control', 'no-store')
    return c.json(
      {
        error: {
          code: 'version_conflict',
          message,
          details: [{ field: 'version', message: `current version is ${err.currentVersion}` }],
        },
        current: err.current,
      },
      409,
    )
  }
}

export const limitError = (code: string, field: string, message: string) =>
  new ApiError(422, code, message, [{ field, message }])
