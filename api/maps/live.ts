// GET /api/maps/{id}/events: the map's changes as Server-Sent Events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html). Each change is one
// `event: change` with `id: <seq>`; seq increases along the map's change log, so a dropped
// connection that comes back with Last-Event-ID (EventSource does it by itself) or ?after=<seq>
// receives exactly the changes after it: no loss, no duplicates. Without either, the stream
// starts at the present. Other events: `ready` (caught up), `reset` (the id asked for is ahead
// of the log: reload the map), `revoked` (the caller may no longer read the map), `gone`.
// A `: ping` comment every HEARTBEAT_MS keeps proxies from closing the connection, and the log
// is read again then (the bus's wake-ups only make it sooner).
import { Hono, type Context } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import type { AppEnv } from '../app-env.ts'
import { hashToken } from '../auth/tokens.ts'
import { ApiError, unavailable } from '../errors.ts'
import { valid } from '../validate.ts'
import { accessTo, participantToken, type MapAccess } from './access.ts'
import { readChanges, type ChangeRow } from './changes.repository.ts'
import { readableMap } from './map-context.ts'
import { mapIdParam } from './maps.schema.ts'
import type { MapVisibility } from './maps.table.ts'
import { findActiveParticipant } from './participants.repository.ts'

export const HEARTBEAT_MS = 15_000
/** Changes read and sent per round: a long catch-up goes out in slices. */
const BATCH = 200
/** EventSource waits this long before reconnecting (the browser default is ~3 s). */
const RETRY_MS = 1000

function startingPoint(c: Context<AppEnv>): bigint | undefined {
  const raw = c.req.header('last-event-id') ?? c.req.query('after')
  if (raw === undefined || raw === '') return undefined
  if (!/^\d{1,18}$/.test(raw.trim())) {
    throw new ApiError(400, 'invalid_input', 'Last-Event-ID: must be a change number', [
      { field: 'Last-Event-ID', message: 'must be a change number (or use ?after=)' },
    ])
  }
  return BigInt(raw.trim())
}

export const liveRoutes = new Hono<AppEnv>().get(
  '/maps/:id/events',
  valid('param', mapIdParam),
  async (c) => {
    const { id } = c.req.valid('param')
    const { map, access } = await readableMap(c, id)
    const asked = startingPoint(c)
    const events = c.var.mapEvents
    if (events.closed) throw unavailable('The server is restarting: reconnect in a moment')
    const last = BigInt(map.last_seq)
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(c, (stream) =>
      follow(c, stream, {
        mapId: id,
        owner: map.owner_id,
        access,
        from: asked === undefined || asked > last ? last : asked,
        reset: asked !== undefined && asked > last,
      }),
    )
  },
)

interface Follow {
  mapId: string
  owner: string | null
  access: MapAccess
  from: bigint
  reset: boolean
}

async function follow(c: Context<AppEnv>, stream: SSEStreamingApi, f: Follow) {
  const db = c.var.db
  const events = c.var.mapEvents
  const token = participantToken(c, f.mapId)
  let access = f.access
  let seq = f.from
  let dirty = false
  let wake: (() => void) | undefined
  const poke = () => {
    dirty = true
    wake?.()
  }
  const unsubscribe = events.subscribe(f.mapId, poke)
  stream.onAbort(poke)
  const open = () => !stream.aborted && !stream.closed && !events.closed

  /** The caller's access now (visibility changed, participant removed, map deleted). */
  const recheck = async (): Promise<MapAccess | 'gone'> => {
    const map = await db
      .selectFrom('maps')
      .select(['owner_id', 'visibility', 'status'])
      .where('id', '=', f.mapId)
      .executeTakeFirst()
    if (!map) return 'gone'
    const participant =
      access.participant && token
        ? ((await findActiveParticipant(db, f.mapId, hashToken(token))) ?? null)
        : null
    return accessTo(map, c.var.user, participant)
  }

  /** Keeps following with the new access, or says why not and stops. */
  const still = async (now: MapAccess | 'gone'): Promise<boolean> => {
    if (now !== 'gone' && now.canRead) {
      access = now
      return true
    }
    await stream.writeSSE({ event: now === 'gone' ? 'gone' : 'revoked', data: '{}' })
    return false
  }

  try {
    await stream.writeSSE({
      event: 'hello',
      data: JSON.stringify({ seq: Number(seq) }),
      retry: RETRY_MS,
    })
    if (f.reset) {
      await stream.writeSSE({ event: 'reset', data: JSON.stringify({ seq: Number(seq) }) })
    }
    let caughtUp = false
    let woken = false
    let lastCheck = Date.now()
    while (open()) {
      dirty = false
      const rows = await readChanges(db, f.mapId, String(seq), BATCH)
      for (const row of rows) {
        const verdict = await send(stream, row, access)
        seq = BigInt(row.seq)
        if (verdict === 'recheck' && !(await still(await recheck()))) return
        if (!open()) return
      }
      if (rows.length === BATCH) continue
      if (!caughtUp) {
        caughtUp = true
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq: Number(seq) }) })
      }
      // Woken with nothing to read: the map may have been deleted.
      if (woken && rows.length === 0 && !(await still(await recheck()))) return
      if (dirty) {
        woken = true
        continue
      }
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), HEARTBEAT_MS)
        wake = () => {
          clearTimeout(timer)
          resolve(false)
        }
        if (dirty || !open()) wake()
      })
      wake = undefined
      woken = !timedOut
      if (!open()) return
      if (timedOut || Date.now() - lastCheck > HEARTBEAT_MS) {
        lastCheck = Date.now()
        await stream.write(': ping\n\n')
        if (!(await still(await recheck()))) return
      }
    }
  } finally {
    unsubscribe()
  }
}

/** Writes the change if this caller may see it. 'recheck' after changes that may alter what
 * the caller may read (the map's visibility or status, a participant's removal). */
async function send(
  stream: SSEStreamingApi,
  row: ChangeRow,
  access: MapAccess,
): Promise<'sent' | 'skipped' | 'recheck'> {
  if (row.members_only && !access.isMember) return 'skipped'
  await stream.writeSSE({
    event: 'change',
    id: row.seq,
    data: JSON.stringify({ seq: Number(row.seq), type: row.type, ...row.payload }),
  })
  if (row.type === 'map.updated') {
    const m = row.payload.map as { visibility?: MapVisibility; status?: string } | undefined
    return m ? 'recheck' : 'sent'
  }
  if (row.type === 'participant.removed' && access.participant) return 'recheck'
  return 'sent'
}
