// The only module that fetches. Every function resolves with data or rejects with an ApiError
// carrying the server's `{ error: { code, message } }` (or a `network` / `timeout` code of ours).
import type { StyleSpecification } from 'maplibre-gl'
import type { ApiErrorBody, AppConfig, AreaCollection, AreaKind, IndicatorDef } from './types.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `details`: for validation errors, `[{ field, message }]`. */
    readonly details?: unknown,
    /** The whole error answer, for members beside `error` (a 409's `current` drawing). */
    readonly payload?: unknown,
  ) {
    super(message)
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } }
  }

  /** The message the server gave for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    if (!Array.isArray(this.details)) return undefined
    const hit = (this.details as { field?: unknown; message?: unknown }[]).find(
      (d) => d.field === field,
    )
    return typeof hit?.message === 'string' ? hit.message : undefined
  }
}

interface RequestOptions {
  signal?: AbortSignal
  /** Abort after this many ms with code 'timeout'. */
  timeoutMs?: number
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  return requestJson<T>('GET', url, undefined, options)
}

/**
 * Any call to our API. Writes send JSON (the server's CSRF guard requires it, and the browser
 * adds our Origin); the session cookie rides along on same-origin requests by itself. A 204
 * resolves with undefined.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  options: RequestOptions & { headers?: Record<string, string> } = {},
): Promise<T> {
  // One controller for the caller's signal and the timeout (AbortSignal.any is too recent for
  // the older phones many of our users have). The timeout covers the body too.
  const controller = new AbortController()
  let timedOut = false
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        controller.abort()
      }, options.timeoutMs)
    : undefined
  const forward = () => controller.abort()
  options.signal?.addEventListener('abort', forward, { once: true })
  if (options.signal?.aborted) controller.abort()
  try {
    let res: Response
    try {
      const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      res = await fetch(url, {
        method,
        signal: controller.signal,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (err) {
      throw failure(err, url, timedOut, options.timeoutMs)
    }
    if (!res.ok) throw await errorFrom(res)
    if (res.status === 204) return undefined as T
    try {
      return (await res.json()) as T
    } catch (err) {
      if (controller.signal.aborted) throw failure(err, url, timedOut, options.timeoutMs)
      throw new ApiError(res.status, 'bad_response', `${url} did not answer with JSON`)
    }
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', forward)
  }
}

/**
 * Sends a file as the request body with its own type (a map's photo, a GeoJSON import): the
 * same answers and errors as requestJson. The CSRF guard accepts image and GeoJSON types on the
 * routes that take them.
 */
export async function sendBody<T>(url: string, body: Blob, type: string): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': type },
      credentials: 'same-origin',
      body,
    })
  } catch (err) {
    throw failure(err, url, false)
  }
  if (!res.ok) throw await errorFrom(res)
  return (await res.json()) as T
}

/** A fetch that did not complete: our timeout, the caller's abort (rethrown), or the network. */
function failure(err: unknown, url: string, timedOut: boolean, timeoutMs?: number): unknown {
  if (timedOut) return new ApiError(0, 'timeout', `No answer from ${url} in ${timeoutMs} ms`)
  if (err instanceof DOMException && err.name === 'AbortError') return err
  return new ApiError(0, 'network', `Could not reach ${url}`)
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null
  const e = body?.error
  return e && typeof e.code === 'string'
    ? new ApiError(res.status, e.code, String(e.message ?? ''), e.details, body)
    : new ApiError(res.status, 'http_' + res.status, res.statusText || `HTTP ${res.status}`)
}

export const getConfig = (o?: RequestOptions) => getJson<AppConfig>('/api/config', o)

export const getAreas = (kind: AreaKind, o?: RequestOptions) =>
  getJson<AreaCollection>(`/api/areas?kind=${encodeURIComponent(kind)}`, o)

export const getIndicators = (o?: RequestOptions) =>
  getJson<{ indicators: IndicatorDef[] }>('/api/areas/indicators', o)

/** A MapLibre style document, from our server or an online provider. */
export const getStyle = (url: string, o?: RequestOptions) => getJson<StyleSpecification>(url, o)

// ---- Accounts, invitations, moderation and administration (api/auth/README.md) ----
// Every unsafe call sends a JSON body, `{}` when there is nothing to say: the server's CSRF
// guard refuses writes without a JSON content type.
import type {
  CreatedInvitation,
  Credentials,
  Invitation,
  InvitationPreview,
  ModerationAction,
  ModerationSettings,
  NewAccount,
  NewInvitation,
  PersonalExport,
  Queue,
  Role,
  SessionUser,
  UserRow,
} from './account-types.ts'

type Me = { user: SessionUser }

export const getMe = (o?: RequestOptions) =>
  getJson<{ user: SessionUser | null }>('/api/auth/me', o)
export const login = (body: Credentials) => requestJson<Me>('POST', '/api/auth/login', body)
export const register = (body: NewAccount) => requestJson<Me>('POST', '/api/auth/register', body)
export const logout = () => requestJson<void>('POST', '/api/auth/logout', {})
export const logoutEverywhere = () =>
  requestJson<{ sessionsEnded: number }>('POST', '/api/auth/logout-all', {})

/** Where the browser downloads the personal data export (a JSON attachment). */
export const PERSONAL_EXPORT_URL = '/api/me/export'
export const getPersonalExport = (o?: RequestOptions) =>
  getJson<PersonalExport>(PERSONAL_EXPORT_URL, o)
export const eraseMe = (password: string) =>
  requestJson<{ erased: true }>('DELETE', '/api/me', { password })

const tokenUrl = (token: string) => `/api/invitations/${encodeURIComponent(token)}`
export const getInvitation = (token: string, o?: RequestOptions) =>
  getJson<{ invitation: InvitationPreview }>(tokenUrl(token), o)
export const acceptInvitation = (token: string, body: NewAccount) =>
  requestJson<Me>('POST', `${tokenUrl(token)}/accept`, body)
export const listInvitations = (o?: RequestOptions) =>
  getJson<{ invitations: Invitation[] }>('/api/invitations', o)
export const createInvitation = (body: NewInvitation) =>
  requestJson<CreatedInvitation>('POST', '/api/invitations', body)
export const revokeInvitation = (id: string) =>
  requestJson<void>('DELETE', `/api/invitations/${encodeURIComponent(id)}`, {})

export const listUsers = (o?: RequestOptions) =>
  getJson<{ users: UserRow[]; total: number }>('/api/users?limit=500', o)
export const setUserRole = (id: string, role: Role) =>
  requestJson<{ user: UserRow }>('PATCH', `/api/users/${encodeURIComponent(id)}`, { role })

/** The first page of the queue, or the page a previous answer's `next` names. */
export const getModerationQueue = (next?: string, o?: RequestOptions) =>
  getJson<Queue>(next ?? '/api/moderation/queue?limit=50', o)
export const moderate = (kind: string, id: string, action: ModerationAction, reason?: string) =>
  requestJson<{ kind: string; id: string; status: string }>(
    'POST',
    `/api/moderation/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/${action}`,
    reason ? { reason } : {},
  )
export const getModerationSettings = (o?: RequestOptions) =>
  getJson<ModerationSettings>('/api/moderation/settings', o)
export const putModerationSettings = (body: ModerationSettings) =>
  requestJson<ModerationSettings>('PUT', '/api/moderation/settings', body)

// ---- Contributing (web/src/contrib): places, comments, reports, my contributions ----
// Moderation actions go through `moderate` above; who is signed in through state/session.
import type { ContentStatus } from './account-types.ts'

export interface VocabularyTerm {
  key: string
  label: { it: string; en: string }
  icon: string
}

export interface Vocabulary {
  placeCategories: VocabularyTerm[]
  resourceThemes: VocabularyTerm[]
  commentReactions: VocabularyTerm[]
}

/** Who signed a contribution: an account's name, a pseudonym, or null once erased. */
export interface ContributionAuthor {
  name: string | null
  pseudonym: boolean
}

export interface PlaceProperties {
  id: string
  category: string
  name: string
  description: string | null
  story: string | null
  address: string | null
  status: ContentStatus
  author: ContributionAuthor
  /** The caller wrote it. */
  own: boolean
  version: number
  createdAt: string
  updatedAt: string
}

export interface PlaceFeature {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: PlaceProperties
}

export interface NewPlace {
  category: string
  name: string
  story?: string
  geometry: { type: 'Point'; coordinates: [number, number] }
  /** Required without an account; ignored with one. */
  pseudonym?: string
  /** The honeypot: people leave it empty. */
  website?: string
}

export type PlaceChange = Partial<Pick<NewPlace, 'category' | 'name' | 'story'>>

/** What comments attach to; maps and their drawings too (api/maps/README.md). */
export type TargetKind = 'place' | 'resource' | 'map' | 'map_feature'

export interface Comment {
  id: string
  target: { kind: TargetKind; id: string }
  parentId: string | null
  text: string
  reaction: string | null
  status: ContentStatus
  author: ContributionAuthor
  own: boolean
  createdAt: string
}

export interface NewComment {
  target: { kind: TargetKind; id: string }
  parentId?: string
  text: string
  reaction?: string
  pseudonym?: string
  website?: string
}

export interface MyContributions {
  places: { type: 'FeatureCollection'; features: PlaceFeature[] }
  comments: (Comment & { targetTitle: string | null })[]
  resources: {
    type: 'FeatureCollection'
    features: { id: string; properties: { name: string; status: ContentStatus } }[]
  }
}

/** Sent with creating requests: a retry with the same key is not stored twice. */
const idempotency = (key: string) => ({ headers: { 'Idempotency-Key': key } })

export const getVocabulary = (o?: RequestOptions) => getJson<Vocabulary>('/api/vocabulary', o)

export const getPlace = (id: string, o?: RequestOptions) =>
  getJson<PlaceFeature>(`/api/places/${encodeURIComponent(id)}`, o)

export const createPlace = (place: NewPlace, idempotencyKey: string) =>
  requestJson<PlaceFeature>('POST', '/api/places', place, idempotency(idempotencyKey))

/** `version` is the one the change was made on: 412 if someone changed the place meanwhile. */
export const updatePlace = (id: string, version: number, change: PlaceChange) =>
  requestJson<PlaceFeature>('PATCH', `/api/places/${encodeURIComponent(id)}`, change, {
    headers: { 'If-Match': `"${version}"` },
  })

export const deletePlace = (id: string) =>
  requestJson<void>('DELETE', `/api/places/${encodeURIComponent(id)}`, {})

export const getComments = (kind: TargetKind, id: string, o?: RequestOptions) =>
  getJson<{ items: Comment[]; next: string | null }>(
    `/api/comments?targetKind=${kind}&targetId=${encodeURIComponent(id)}&limit=1000`,
    o,
  )

export const createComment = (comment: NewComment, idempotencyKey: string) =>
  requestJson<Comment>('POST', '/api/comments', comment, idempotency(idempotencyKey))

export const deleteComment = (id: string) =>
  requestJson<void>('DELETE', `/api/comments/${encodeURIComponent(id)}`, {})

/** "Segnala": kind is a content kind (place, resource, comment). */
export const reportItem = (kind: string, id: string, reason: string) =>
  requestJson<{ itemStatus: ContentStatus }>('POST', '/api/reports', { kind, id, reason })

export const getMyContributions = (o?: RequestOptions) =>
  getJson<MyContributions>('/api/me/contributions', o)

// ---- The viewer (web/src/pages/ViewerPage.svelte): search, what is in view, details ----
import type { ResourceFeature, SearchAnswer, ViewerItemCollection } from './viewer-types.ts'

/** EPSG:4326 [west, south, east, north]. */
export type Bbox = [number, number, number, number]

export const searchAll = (q: string, o?: RequestOptions) =>
  getJson<SearchAnswer>(`/api/search?q=${encodeURIComponent(q)}&limit=6`, o)

/** Published places or resources in `bbox` (newest first, at most `limit`), with the total. */
export function getInView(
  kind: 'places' | 'resources',
  bbox: Bbox,
  filter: { keys: readonly string[] | null; limit: number },
  o?: RequestOptions,
) {
  const params = new URLSearchParams({
    bbox: bbox.map((v) => v.toFixed(6)).join(','),
    limit: String(filter.limit),
  })
  if (filter.keys) params.set(kind === 'places' ? 'category' : 'theme', filter.keys.join(','))
  return getJson<ViewerItemCollection>(`/api/${kind}?${params}`, o)
}

export const getResource = (id: string, o?: RequestOptions) =>
  getJson<ResourceFeature>(`/api/resources/${encodeURIComponent(id)}`, o)
