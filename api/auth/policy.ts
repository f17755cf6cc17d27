// Authorisation as data: for every route of the app, who may call it and on whose objects.
// Keyed by "<METHOD> <route pattern>" exactly as Hono registers it (`app.routes`). A route
// missing here answers 500 (fail closed), and tests/api/authz-matrix.test.ts fails naming it,
// so no route ships unclassified. HEAD is served by the GET entry. A route with `anyOwner`
// also needs an own/other case for that test: export `objectCases` from
// tests/api/<module>.authz-cases.ts (see ObjectCase in tests/api/auth-fixtures.ts).
import type { Caller, Role } from './roles.ts'

export interface RouteRule {
  /** 'public': visitors too; 'signed-in': every role; or the roles listed. */
  roles: 'public' | 'signed-in' | readonly Role[]
  /**
   * For routes that act on objects with an owner (an invitation's creator, …): the roles that
   * may act on anyone's. The other roles in `roles` act only on their own; the handler checks
   * with assertOwnerOr(), which reads this rule.
   */
  anyOwner?: readonly Role[]
}

const STAFF_INVITERS = ['facilitator', 'admin'] as const
const MODERATORS = ['moderator', 'admin'] as const
const ADMIN = ['admin'] as const
/** Who maintains the network's directory of resources. */
const NETWORK_STAFF = ['facilitator', 'antenna', 'moderator', 'admin'] as const

export const POLICY = {
  // The web app, the offline basemap and public reads.
  'GET /*': { roles: 'public' },
  'GET /styles/basemap.json': { roles: 'public' },
  'GET /fonts/:fontstack/:range': { roles: 'public' },
  'GET /sprites/:file': { roles: 'public' },
  'GET /basemap/labels.geojson': { roles: 'public' },
  // Vector tiles (tiles/): public and anonymous; need signals only as suppressed hexagons.
  'GET /tiles': { roles: 'public' },
  'GET /tiles/:tilejson': { roles: 'public' },
  'GET /tiles/:layer/:z/:x/:tile': { roles: 'public' },
  'GET /api/health': { roles: 'public' },
  'GET /api/config': { roles: 'public' },
  'GET /api/areas': { roles: 'public' },
  'GET /api/areas/indicators': { roles: 'public' },
  'GET /api/areas/:id': { roles: 'public' },
  // OGC API – Features (api/ogc): public layers only, need signals only as suppressed counts.
  'GET /ogc': { roles: 'public' },
  'GET /ogc/conformance': { roles: 'public' },
  'GET /ogc/api': { roles: 'public' },
  'GET /ogc/collections': { roles: 'public' },
  'GET /ogc/collections/:collectionId': { roles: 'public' },
  'GET /ogc/collections/:collectionId/items': { roles: 'public' },
  'GET /ogc/collections/:collectionId/items/:featureId': { roles: 'public' },

  // Accounts and sessions.
  'POST /api/auth/login': { roles: 'public' },
  'POST /api/auth/register': { roles: 'public' },
  'POST /api/auth/logout': { roles: 'public' },
  'POST /api/auth/logout-all': { roles: 'signed-in' },
  'GET /api/auth/me': { roles: 'public' },
  // The caller's own data: these routes take no id, so "own" is built in.
  'GET /api/me/export': { roles: 'signed-in' },
  'DELETE /api/me': { roles: 'signed-in' },
  // Everything the caller contributed, in any status (api/contributions).
  'GET /api/me/contributions': { roles: 'signed-in' },

  // Invitations: facilitators invite residents and see and revoke their own invitations;
  // admins invite any role and see and revoke everyone's.
  'POST /api/invitations': { roles: STAFF_INVITERS },
  'GET /api/invitations': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'DELETE /api/invitations/:id': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'GET /api/invitations/:token': { roles: 'public' },
  'POST /api/invitations/:token/accept': { roles: 'public' },

  // Need signals (api/signals): antennas record theirs and manage only their own; admins all.
  // Exact points never reach anyone else: the public reads suppressed aggregates.
  'POST /api/signals': { roles: ['antenna', 'admin'] },
  'GET /api/signals': { roles: ['antenna', 'admin'], anyOwner: ['admin'] },
  'GET /api/signals/aggregate': { roles: 'public' },
  'GET /api/signals/:id': { roles: ['antenna', 'admin'], anyOwner: ['admin'] },
  'PATCH /api/signals/:id': { roles: ['antenna', 'admin'], anyOwner: ['admin'] },
  'DELETE /api/signals/:id': { roles: ['antenna', 'admin'], anyOwner: ['admin'] },

  // Administration.
  'GET /api/users': { roles: ADMIN },
  'PATCH /api/users/:id': { roles: ADMIN },
  'DELETE /api/users/:id': { roles: ADMIN },
  'GET /api/audit': { roles: ADMIN },

  // Moderation.
  'GET /api/moderation/queue': { roles: MODERATORS },
  'POST /api/moderation/:kind/:id/approve': { roles: MODERATORS },
  'POST /api/moderation/:kind/:id/reject': { roles: MODERATORS },
  'POST /api/moderation/:kind/:id/hide': { roles: MODERATORS },
  'POST /api/moderation/:kind/:id/restore': { roles: MODERATORS },
  'GET /api/moderation/settings': { roles: MODERATORS },
  'PUT /api/moderation/settings': { roles: MODERATORS },
  // Reports ("segnala"): anyone, visitors included (one per client address).
  'POST /api/reports': { roles: 'public' },

  // Vocabulary, places of community (luoghi della comunità): visitors read published ones and
  // add places under a pseudonym; authors edit and delete their own (delete while not yet
  // public); moderators and admins act on all and hide.
  'GET /api/vocabulary': { roles: 'public' },
  'GET /api/search': { roles: 'public' },
  'GET /api/places': { roles: 'public' },
  'GET /api/places/export.geojson': { roles: 'public' },
  'GET /api/places/export.csv': { roles: 'public' },
  'GET /api/places/:id': { roles: 'public' },
  'POST /api/places': { roles: 'public' },
  'PATCH /api/places/:id': { roles: 'signed-in', anyOwner: MODERATORS },
  'DELETE /api/places/:id': { roles: 'signed-in', anyOwner: MODERATORS },
  'POST /api/places/:id/hide': { roles: MODERATORS },
  // Resources of the network: added by network staff; staff edit their own, moderators and
  // admins any; exports (GeoJSON, CSV, HSDS) hold what is published.
  'GET /api/resources': { roles: 'public' },
  'GET /api/resources/export.geojson': { roles: 'public' },
  'GET /api/resources/export.csv': { roles: 'public' },
  'GET /api/resources/export.hsds.json': { roles: 'public' },
  'GET /api/resources/:id': { roles: 'public' },
  'POST /api/resources': { roles: NETWORK_STAFF },
  'PATCH /api/resources/:id': { roles: NETWORK_STAFF, anyOwner: MODERATORS },
  'DELETE /api/resources/:id': { roles: NETWORK_STAFF, anyOwner: MODERATORS },
  'POST /api/resources/:id/hide': { roles: MODERATORS },
  // Comments on places and resources: anyone comments (visitors under a pseudonym); authors
  // delete their own while not yet public; moderators any (hiding is in the moderation routes).
  'GET /api/comments': { roles: 'public' },
  'POST /api/comments': { roles: 'public' },
  'DELETE /api/comments/:id': { roles: 'signed-in', anyOwner: MODERATORS },

  // Bulk import (api/import): the network staff who may already publish places and resources
  // one by one (their contributions skip the queue), now a file at a time.
  'POST /api/import/places': { roles: NETWORK_STAFF },
  'POST /api/import/resources': { roles: NETWORK_STAFF },

  // Unconventional maps (api/maps). Facilitators create maps and manage their own (legend,
  // visibility, join code and link, participants, import); admins any. Participants have no
  // account, so the routes they use are public here and the handlers decide on the map:
  // private maps only for their group, drawing only for participants and managers
  // (api/maps/access.ts). Lists hold public maps only.
  'GET /api/maps/templates': { roles: 'public' },
  'GET /api/maps': { roles: 'public' },
  'GET /api/maps/mine': { roles: STAFF_INVITERS },
  'POST /api/maps': { roles: STAFF_INVITERS },
  'POST /api/maps/join/check': { roles: 'public' },
  'POST /api/maps/join': { roles: 'public' },
  'GET /api/maps/:id': { roles: 'public' },
  'PATCH /api/maps/:id': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'DELETE /api/maps/:id': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'POST /api/maps/:id/code': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'DELETE /api/maps/:id/code': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'POST /api/maps/:id/link': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'DELETE /api/maps/:id/link': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'GET /api/maps/:id/participants': { roles: 'public' },
  'DELETE /api/maps/:id/participants/:participantId': { roles: STAFF_INVITERS, anyOwner: ADMIN },
  'GET /api/maps/:id/features': { roles: 'public' },
  'POST /api/maps/:id/features': { roles: 'public' },
  'GET /api/maps/:id/features/:featureId': { roles: 'public' },
  'PATCH /api/maps/:id/features/:featureId': { roles: 'public' },
  'DELETE /api/maps/:id/features/:featureId': { roles: 'public' },
  'POST /api/maps/:id/features/:featureId/photos': { roles: 'public' },
  'GET /api/maps/:id/photos/:photoId': { roles: 'public' },
  'GET /api/maps/:id/photos/:photoId/thumb': { roles: 'public' },
  'DELETE /api/maps/:id/photos/:photoId': { roles: 'public' },
  'GET /api/maps/:id/events': { roles: 'public' },
  'GET /api/maps/:id/export.geojson': { roles: 'public' },
  'POST /api/maps/:id/import': { roles: STAFF_INVITERS, anyOwner: ADMIN },
} satisfies Record<string, RouteRule>

export type RouteKey = keyof typeof POLICY

export function ruleFor(key: string): RouteRule | undefined {
  return Object.hasOwn(POLICY, key) ? (POLICY as Record<string, RouteRule>)[key] : undefined
}

/** Whether a caller may call a route at all (ownership aside). */
export function mayCall(rule: RouteRule, caller: Caller): boolean {
  if (rule.roles === 'public') return true
  if (caller === 'visitor') return false
  return rule.roles === 'signed-in' || rule.roles.includes(caller)
}

/** Whether a caller who may call the route may act on objects owned by others. */
export function mayActOnAny(rule: RouteRule, caller: Caller): boolean {
  if (!mayCall(rule, caller)) return false
  if (!rule.anyOwner) return true
  return caller !== 'visitor' && rule.anyOwner.includes(caller)
}
