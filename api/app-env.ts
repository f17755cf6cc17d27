import type { BlockList } from 'node:net'
import type { Kysely } from 'kysely'
import type { RouteRule } from './auth/policy.ts'
import type { SessionUser } from './auth/roles.ts'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { DatabaseKind } from './db/connect.ts'
import type { MapEvents } from './maps/events.ts'
import type { ParticipantRow } from './maps/participants.repository.ts'
import type { ContentKinds } from './moderation/content-kinds.ts'

/** What every route can read from the context (`c.var`). */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>
    dbKind: DatabaseKind
    config: Config
    /** The caller (session middleware): null for visitors. */
    user: SessionUser | null
    /** SHA-256 of the current session's token, null without a session. */
    sessionHash: string | null
    /** The authorisation rule of the route being served (authorize middleware). */
    routeRule: RouteRule | undefined
    /** TRUSTED_PROXY, parsed once per app. */
    trustedProxies: BlockList
    /** The content kinds the moderation spine knows (api/moderation/content-kinds.ts). */
    contentKinds: ContentKinds
    /** Wakes the live streams of the maps (api/maps/events.ts): one bus per app. */
    mapEvents: MapEvents
    /** The map participant making the request (api/maps/access.ts), for the map in
     * mapParticipantFor; null when none. */
    mapParticipant: ParticipantRow | null
    mapParticipantFor: string
  }
}
