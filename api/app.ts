// createApp({ db, dbKind, config }) → the Hono app: /api, the offline basemap, the built web app.
// No module-level state: tests build as many apps as they like over their own databases.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { preloadsFor, withPreloads } from './page-preloads.ts'
import { compress } from './compress.ts'
import type { Kysely } from 'kysely'
import type { AppEnv } from './app-env.ts'
import { areasRoutes } from './areas/areas.routes.ts'
import { auditRoutes } from './audit/audit.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { authorize } from './auth/authorize.middleware.ts'
import { session } from './auth/session.middleware.ts'
import { basemapRoutes } from './basemap/basemap.routes.ts'
import { BASEMAP_ATTRIBUTION } from './basemap/style.ts'
import type { Config } from './config.ts'
import type { DatabaseKind } from './db/connect.ts'
import type { Database } from './db/database.ts'
import { ApiError, handleError, notFound } from './errors.ts'
import { healthRoutes } from './health/health.routes.ts'
import { importRoutes } from './import/import.routes.ts'
import { invitationsRoutes } from './invitations/invitations.routes.ts'
import { ContentKinds, type ContentKind } from './moderation/content-kinds.ts'
import { moderationRoutes } from './moderation/moderation.routes.ts'
import { ogcRoutes } from './ogc/ogc.routes.ts'
import { reportsRoutes } from './moderation/reports.routes.ts'
import { trustedProxyList } from './security/client-address.ts'
import { corsFor } from './security/cors.ts'
import { securityHeaders } from './security/csp.ts'
import { signalsRoutes } from './signals/signals.routes.ts'
import { csrf } from './security/csrf.ts'
import { writeRateLimit } from './security/rate-limit.ts'
import { meRoutes } from './users/me.routes.ts'
import { placeKind } from './places/places.kind.ts'
import { mapParticipant } from './maps/access.ts'
import { MapEvents } from './maps/events.ts'
import { MAP_UPLOAD_PATH, mapsApi } from './maps/maps.api.ts'
import { mapFeatureKind, mapKind } from './maps/maps.kind.ts'
import { commentKind } from './comments/comments.kind.ts'
import { commentsRoutes } from './comments/comments.routes.ts'
import { contributionsRoutes } from './contributions/contributions.routes.ts'
import { placesRoutes } from './places/places.routes.ts'
import { resourceKind } from './resources/resources.kind.ts'
import { resourcesRoutes } from './resources/resources.routes.ts'
import { searchRoutes } from './search/search.routes.ts'
import { vocabularyRoutes } from './vocabulary/vocabulary.routes.ts'
import { webAssets } from './web-assets.ts'
import { usersRoutes } from './users/users.routes.ts'
import { tilesRoutes } from '../tiles/tiles.routes.ts'

export const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url))

/** JSON bodies larger than this are refused (413) before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024

/** The content kinds an app gets when createApp is not given its own list. */
export const DEFAULT_CONTENT_KINDS: readonly ContentKind[] = [
  placeKind,
  resourceKind,
  commentKind,
  mapKind,
  mapFeatureKind,
]

export interface AppDeps {
  db: Kysely<Database>
  dbKind: DatabaseKind
  config: Config
  /** User content that the moderation queue, reports, export and erasure handle. */
  contentKinds?: readonly ContentKind[]
  /** The maps' live bus (api/maps/events.ts); the server passes its own to close it on stop. */
  mapEvents?: MapEvents
}

export function createApp({ db, dbKind, config, contentKinds, mapEvents }: AppDeps) {
  const app = new Hono<AppEnv>()
  const kinds = new ContentKinds(contentKinds ?? DEFAULT_CONTENT_KINDS)
  const trustedProxies = trustedProxyList(config.trustedProxies)
  const events = mapEvents ?? new MapEvents()
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('dbKind', dbKind)
    c.set('config', config)
    c.set('contentKinds', kinds)
    c.set('trustedProxies', trustedProxies)
    c.set('mapEvents', events)
    await next()
  })
  // Security, in this order: headers on every response; CORS (closed unless configured);
  // CSRF before anything reads the body; the caller; the authorisation table for every route
  // (api/auth/policy.ts); write limits.
  app.use(securityHeaders(config))
  const cors = corsFor(config.corsOrigins)
  if (cors) app.use('/api/*', cors)
  app.use('/api/*', csrf)
  app.use('/api/*', session)
  app.use(authorize)
  // A map participant's writes count as theirs, not their Wi-Fi's (api/maps/access.ts).
  app.use('/api/maps/*', mapParticipant)
  app.use('/api/*', writeRateLimit(config.rateLimits))
  // GeoJSON of the areas is ~10× smaller gzipped: it matters on a phone (api/compress.ts).
  app.use(compress())
  if (config.logRequests) {
    app.use(async (c, next) => {
      const t0 = performance.now()
      await next()
      console.log(
        `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms`,
      )
    })
  }

  const api = new Hono<AppEnv>()
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request body over ${MAX_BODY_BYTES} bytes`)
    },
  })
  // Imports stream a file of up to 50 MB under their own limit (api/import/import.routes.ts).
  // So do a map's photos (10 MB) and GeoJSON imports (20 MB): api/maps/. GET and HEAD have no
  // body to limit (and asking for it makes the Node adapter build a full Request: 0.1 ms each).
  api.use((c, next) =>
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    c.req.path.startsWith('/api/import/') ||
    MAP_UPLOAD_PATH.test(c.req.path)
      ? next()
      : jsonBodyLimit(c, next),
  )
  api.route('/', healthRoutes)
  api.route('/', areasRoutes)
  api.route('/', authRoutes)
  api.route('/', meRoutes)
  api.route('/', contributionsRoutes)
  api.route('/', usersRoutes)
  api.route('/', invitationsRoutes)
  api.route('/', auditRoutes)
  api.route('/', moderationRoutes)
  api.route('/', reportsRoutes)
  api.route('/', vocabularyRoutes)
  api.route('/', placesRoutes)
  api.route('/', resourcesRoutes)
  api.route('/', searchRoutes)
  api.route('/', commentsRoutes)
  api.route('/', mapsApi)
  api.route('/', signalsRoutes)
  api.route('/', importRoutes)
  api.get('/config', (c) =>
    c.json({
      basemap: {
        style: config.basemapStyleUrl,
        offlineStyle: '/styles/basemap.json',
        attribution: BASEMAP_ATTRIBUTION,
      },
      // The web app offers "Registrati" only when visitors may create an account themselves.
      accounts: { selfRegistration: config.selfRegistration },
    }),
  )
  api.all('*', () => {
    throw notFound('No such API endpoint')
  })
  app.route('/api', api)
  app.route('/', basemapRoutes)
  app.route('/', tilesRoutes)
  // OGC API – Features: the public layers for QGIS, GDAL and other sites.
  app.route('/ogc', ogcRoutes)

  // The built web app (its scripts and styles from memory: api/web-assets.ts); any other path
  // is a page of the single-page app (deep links).
  app.use('/assets/*', webAssets(WEB_DIST + 'assets'))
  app.use('/*', serveStatic({ root: WEB_DIST }))
  app.get('*', (c) => {
    const index = WEB_DIST + 'index.html'
    if (!fs.existsSync(index)) {
      return c.text(
        'The web app is not built: run `npm run build` (npm start does it for you).',
        503,
      )
    }
    c.header('Cache-Control', 'no-cache')
    return c.html(withPreloads(fs.readFileSync(index, 'utf8'), preloadsFor(c.req.path)))
  })

  app.onError(handleError)
  app.notFound(() => {
    throw notFound()
  })
  return app
}

export type App = ReturnType<typeof createApp>
