// Calls of the unconventional maps API (api/maps/README.md), on top of client.ts (still the only
// module that fetches). A participant's token rides in its cookie (Path=/api), like a session.
import { getJson, requestJson, sendBody } from './client.ts'
import type {
  DrawnCollection,
  DrawnFeature,
  FeatureFields,
  JoinPreview,
  LegendTemplate,
  MapChangeBody,
  MapInfo,
  MapList,
  NewMap,
  Participant,
  Photo,
} from './maps-types.ts'

type Options = { signal?: AbortSignal }

const enc = encodeURIComponent
export const mapUrl = (id: string) => `/api/maps/${enc(id)}`
const featureUrl = (mapId: string, featureId: string) =>
  `${mapUrl(mapId)}/features/${enc(featureId)}`

export const getTemplates = (o?: Options) =>
  getJson<{ templates: LegendTemplate[]; default: string }>('/api/maps/templates', o)

/** Public maps only (the server never lists unlisted or private ones). */
export const listMaps = (o?: Options) => getJson<MapList>('/api/maps?limit=100', o)
export const listMyMaps = (o?: Options) => getJson<{ maps: MapInfo[] }>('/api/maps/mine', o)
export const createMap = (body: NewMap, idempotencyKey: string) =>
  requestJson<MapInfo>('POST', '/api/maps', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  })
export const getMap = (id: string, o?: Options) => getJson<MapInfo>(mapUrl(id), o)
export const updateMap = (id: string, change: MapChangeBody) =>
  requestJson<MapInfo>('PATCH', mapUrl(id), change)
export const deleteMap = (id: string) => requestJson<void>('DELETE', mapUrl(id), {})

export const newJoinCode = (id: string, hours = 24) =>
  requestJson<{ code: string; expiresAt: string }>('POST', `${mapUrl(id)}/code`, { hours })
export const dropJoinCode = (id: string) => requestJson<void>('DELETE', `${mapUrl(id)}/code`, {})
export const newJoinLink = (id: string) =>
  requestJson<{ token: string; path: string }>('POST', `${mapUrl(id)}/link`, {})
export const dropJoinLink = (id: string) => requestJson<void>('DELETE', `${mapUrl(id)}/link`, {})

export type JoinBy = { code: string } | { token: string }
export const checkJoin = (by: JoinBy) =>
  requestJson<JoinPreview>('POST', '/api/maps/join/check', by)
export const joinMap = (by: JoinBy, pseudonym: string) =>
  requestJson<{ map: MapInfo; participant: Participant; token: string }>('POST', '/api/maps/join', {
    ...by,
    pseudonym,
  })
export const getParticipants = (id: string, o?: Options) =>
  getJson<{ participants: Participant[] }>(`${mapUrl(id)}/participants`, o)
export const removeParticipant = (id: string, participantId: string) =>
  requestJson<void>('DELETE', `${mapUrl(id)}/participants/${enc(participantId)}`, {})

export const getFeatures = (id: string, o?: Options) =>
  getJson<DrawnCollection>(`${mapUrl(id)}/features`, o)
export const createFeature = (mapId: string, fields: FeatureFields, idempotencyKey: string) =>
  requestJson<DrawnFeature>('POST', `${mapUrl(mapId)}/features`, fields, {
    headers: { 'Idempotency-Key': idempotencyKey },
  })
/** `version` is the one the change was made on: 409 `version_conflict` with `current` if
 * someone changed it meanwhile. */
export const updateFeature = (
  mapId: string,
  featureId: string,
  version: number,
  change: Partial<FeatureFields>,
) => requestJson<DrawnFeature>('PATCH', featureUrl(mapId, featureId), { version, ...change })
export const deleteFeature = (mapId: string, featureId: string, version: number) =>
  requestJson<void>('DELETE', `${featureUrl(mapId, featureId)}?version=${version}`, {})

export const uploadPhoto = (mapId: string, featureId: string, file: File) =>
  sendBody<Photo>(`${featureUrl(mapId, featureId)}/photos`, file, file.type)
export const deletePhoto = (mapId: string, photoId: string) =>
  requestJson<void>('DELETE', `${mapUrl(mapId)}/photos/${enc(photoId)}`, {})

export const exportUrl = (id: string) => `${mapUrl(id)}/export.geojson`
export const importGeoJson = (id: string, file: Blob, symbol?: string) =>
  sendBody<{ imported: number; symbolsAdded: number; seq: number }>(
    `${mapUrl(id)}/import${symbol ? `?symbol=${enc(symbol)}` : ''}`,
    file,
    'application/geo+json',
  )

/** The live stream's address; EventSource resumes by itself with Last-Event-ID. */
export const eventsUrl = (id: string, after: number) => `${mapUrl(id)}/events?after=${after}`
