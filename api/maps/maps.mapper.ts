// Rows → JSON (camelCase). Feature JSON carries nothing that depends on who asks, so the same
// object is sent by the REST routes and by the live stream (and kept in the change log).
import type { QueueItem } from '../moderation/content-kinds.ts'
import type { MapAccess } from './access.ts'
import type { FeatureRow, PhotoSummary } from './features.repository.ts'
import type { MapRow } from './maps.repository.ts'
import type { ParticipantRow } from './participants.repository.ts'

const iso = (d: Date | string) => new Date(d).toISOString()

export const photoUrl = (mapId: string, photoId: string) => `/api/maps/${mapId}/photos/${photoId}`

export function toPhoto(mapId: string, p: PhotoSummary) {
  return {
    id: p.id,
    url: photoUrl(mapId, p.id),
    thumbUrl: `${photoUrl(mapId, p.id)}/thumb`,
    format: p.format,
    width: p.width,
    height: p.height,
    thumbWidth: p.thumb_width,
    thumbHeight: p.thumb_height,
  }
}

/** Who drew it: a participant's pseudonym, an account's display name (null once erased). */
export function featureAuthor(r: FeatureRow) {
  if (r.participant_id || r.participant_pseudonym) {
    return { kind: 'participant' as const, id: r.participant_id, name: r.participant_pseudonym }
  }
  return { kind: 'user' as const, id: r.author_id, name: r.author_name }
}

/** A GeoJSON Feature (RFC 7946) with the drawing's properties. */
export function toFeature(r: FeatureRow) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.geometry,
    properties: {
      id: r.id,
      mapId: r.map_id,
      kind: r.kind,
      mode: r.mode,
      symbol: r.symbol,
      title: r.title,
      note: r.note,
      story: r.story,
      photos: r.photos.map((p) => toPhoto(r.map_id, p)),
      author: featureAuthor(r),
      status: r.status,
      version: r.version,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    },
  }
}
export type FeatureJson = ReturnType<typeof toFeature>

export function toMap(r: MapRow, access: MapAccess) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    meeting: { place: r.meeting_place, date: r.met_on, point: r.meeting_point },
    language: r.language,
    visibility: r.visibility,
    status: r.status,
    legend: r.legend,
    featureCount: r.feature_count,
    extent: r.extent,
    /** The last change number: open the live stream with `?after=` this. */
    seq: Number(r.last_seq),
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    me: {
      role: access.role,
      participantId: access.participant?.id ?? null,
      pseudonym: access.participant?.pseudonym ?? null,
      canDraw: access.canDraw,
      canManage: access.canManage,
    },
    // How people join: only for those who manage the map.
    join: access.canManage
      ? {
          code: r.join_code,
          codeExpiresAt: r.join_code_expires_at ? iso(r.join_code_expires_at) : null,
          linkActive: r.link_active,
          linkCreatedAt: r.link_created_at ? iso(r.link_created_at) : null,
        }
      : null,
  }
}

/** What the stream sends on map.updated: the map without anything viewer-specific. */
export function toMapPublic(r: MapRow) {
  const {
    me: _me,
    join: _join,
    ...rest
  } = toMap(r, {
    role: 'visitor',
    participant: null,
    canRead: true,
    canDraw: false,
    canManage: false,
    isMember: false,
  })
  return rest
}

/** One map in a list: a GeoJSON Feature at the meeting place (null geometry when unknown). */
export function toMapSummary(r: MapRow) {
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: r.meeting_point,
    properties: {
      id: r.id,
      title: r.title,
      description: r.description,
      meeting: { place: r.meeting_place, date: r.met_on },
      language: r.language,
      visibility: r.visibility,
      status: r.status,
      featureCount: r.feature_count,
      extent: r.extent,
      legend: r.legend,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    },
  }
}

export function toParticipant(r: ParticipantRow, full: boolean) {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    joinedAt: iso(r.created_at),
    ...(full
      ? { joinedVia: r.joined_via, removedAt: r.removed_at ? iso(r.removed_at) : null }
      : {}),
  }
}

export function mapAuditSnapshot(r: Pick<MapRow, 'visibility' | 'status' | 'legend' | 'version'>) {
  return {
    visibility: r.visibility,
    status: r.status,
    symbols: r.legend.map((s) => s.key),
    version: r.version,
  }
}

export function featureAuditSnapshot(r: FeatureRow) {
  return {
    mapId: r.map_id,
    kind: r.kind,
    symbol: r.symbol,
    status: r.status,
    version: r.version,
  }
}

export function toMapQueueItem(r: MapRow): QueueItem {
  return {
    kind: 'map',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.title,
    excerpt: r.description?.slice(0, 280) ?? null,
    author: { id: r.owner_id, displayName: null, pseudonym: null },
    context: { visibility: r.visibility, featureCount: r.feature_count },
  }
}

export function toFeatureQueueItem(r: FeatureRow): QueueItem {
  const author = featureAuthor(r)
  return {
    kind: 'map_feature',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.title ?? r.symbol,
    excerpt: (r.story ?? r.note)?.slice(0, 280) ?? null,
    author: {
      id: r.author_id,
      displayName: author.kind === 'user' ? author.name : null,
      pseudonym: author.kind === 'participant' ? author.name : null,
    },
    context: { on: { kind: 'map', id: r.map_id, title: r.map_title }, featureKind: r.kind },
  }
}
