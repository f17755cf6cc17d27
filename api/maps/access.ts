// Who may do what on one map. Participants have no account: they hold a participant token for
// that map, sent as the cookie `intrecci_map_<map id>` (HttpOnly, SameSite=Lax, set on joining)
// or as the header `X-Map-Token` (scripts, tests). A removed participant's token stops working
// with the next request, since every request looks it up.
//   owner (the facilitator who made it), admin: read, draw, manage
//   moderator: read any map (to review what is reported), no drawing
//   participant: read and draw
//   anyone else: read unlisted and public maps that are published
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { hashToken, TOKEN_PATTERN } from '../auth/tokens.ts'
import { ApiError, notFound } from '../errors.ts'
import { isHttps } from '../security/client-address.ts'
import type { MapVisibility } from './maps.table.ts'
import { findActiveParticipant, type ParticipantRow } from './participants.repository.ts'
import { UUID_PATTERN } from '../uuid.ts'

export const MAP_TOKEN_HEADER = 'X-Map-Token'
const COOKIE_PREFIX = 'intrecci_map_'
const PARTICIPANT_COOKIE_DAYS = 180
const MAP_PATH = new RegExp(`^/api/maps/(${UUID_PATTERN})(?:/|$)`, 'i')

export type MapRole = 'owner' | 'admin' | 'moderator' | 'participant' | 'visitor'

export interface MapAccess {
  role: MapRole
  participant: ParticipantRow | null
  canRead: boolean
  canDraw: boolean
  canManage: boolean
  /** Sees the group's own events (who joined, who was removed). */
  isMember: boolean
}

export interface MapForAccess {
  owner_id: string | null
  visibility: MapVisibility
  status: string
}

export function accessTo(
  map: MapForAccess,
  user: AppEnv['Variables']['user'],
  participant: ParticipantRow | null,
): MapAccess {
  const all = { canRead: true, canDraw: true, canManage: true, isMember: true, participant }
  if (user?.role === 'admin') return { role: 'admin', ...all }
  if (user && map.owner_id === user.id) return { role: 'owner', ...all }
  if (participant) {
    return {
      role: 'participant',
      participant,
      canRead: true,
      canDraw: true,
      canManage: false,
      isMember: true,
    }
  }
  const none = { participant: null, canDraw: false, canManage: false }
  if (user?.role === 'moderator')
    return { role: 'moderator', ...none, canRead: true, isMember: true }
  const canRead = map.visibility !== 'private' && map.status === 'published'
  return { role: 'visitor', ...none, canRead, isMember: false }
}

export const participantCookie = (mapId: string) => `${COOKIE_PREFIX}${mapId.toLowerCase()}`

/** The participant token sent for this map, if it has the shape of one. */
export function participantToken(c: Context<AppEnv>, mapId: string): string | undefined {
  const value = c.req.header(MAP_TOKEN_HEADER) ?? getCookie(c, participantCookie(mapId))
  return value && TOKEN_PATTERN.test(value) ? value : undefined
}

/** The active participant of `mapId` making this request, or null. Cached per request. */
export async function participantOf(
  c: Context<AppEnv>,
  mapId: string,
): Promise<ParticipantRow | null> {
  if (c.var.mapParticipantFor === mapId) return c.var.mapParticipant ?? null
  const token = participantToken(c, mapId)
  const found = token ? await findActiveParticipant(c.var.db, mapId, hashToken(token)) : undefined
  c.set('mapParticipant', found ?? null)
  c.set('mapParticipantFor', mapId)
  return found ?? null
}

/** For /api/maps/<id>/…: resolves the participant before the write limits, which count a
 * participant's writes as their own (a group on one Wi-Fi shares one address). */
export const mapParticipant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const m = MAP_PATH.exec(c.req.path)
  if (m) await participantOf(c, m[1]!.toLowerCase())
  return next()
}

export function writeParticipantCookie(c: Context<AppEnv>, mapId: string, token: string) {
  const mode = c.var.config.cookieSecure
  setCookie(c, participantCookie(mapId), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: mode === 'on' || (mode === 'auto' && isHttps(c)),
    path: '/api',
    maxAge: PARTICIPANT_COOKIE_DAYS * 86_400,
  })
}

/** Not readable reads as not there: a private map's existence is not disclosed. */
export function assertCanRead(access: MapAccess) {
  if (!access.canRead) throw notFound('No map with this id')
}

export function assertCanDraw(access: MapAccess) {
  assertCanRead(access)
  if (!access.canDraw) {
    throw new ApiError(
      403,
      'not_a_participant',
      'Join this map (invitation link or code) to draw on it',
    )
  }
}
