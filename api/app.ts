// createApp({ db, dbKind, config }) → the Hono app: /api, the offline basemap, the built web app.
// No module-level state: tests build as many apps as they like over their own databases.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import type { Kysely } from 'kysely'
import type { AppEnv } from './app-env.ts'
import { areasRoutes } from './areas/areas.routes.ts'
import { basemapRoutes } from './basemap/basemap.routes.ts'
import { BASEMAP_ATTRIBUTION } from './basemap/style.ts'
import type { Config } from './config.ts'
import type { DatabaseKind } from './db/connect.ts'
import type { Database } from './db/database.ts'
import { ApiError, handleError, notFound } from './errors.ts'
import { healthRoutes } from './health/health.routes.ts'

export const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url))

/** JSON bodies larger than this are refused (413) before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024

export interface AppDeps {
  db: Kysely<Database>
  dbKind: DatabaseKind
  config: Config
}

export function createApp({ db, dbKind, config }: AppDeps) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('dbKind', dbKind)
    c.set('config', config)
    await next()
  })
  // GeoJSON of the areas is ~10× smaller gzipped: it matters on a phone.
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
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request body over ${MAX_BODY_BYTES} bytes`)
      },
    }),
  )
  api.route('/', healthRoutes)
  api.route('/', areasRoutes)
  api.get('/config', (c) =>
    c.json({
      basemap: {
        style: config.basemapStyleUrl,
        offlineStyle: '/styles/basemap.json',
        attribution: BASEMAP_ATTRIBUTION,
      },
    }),
  )
  api.all('*', () => {
    throw notFound('No such API endpoint')
  })
  app.route('/api', api)
  app.route('/', basemapRoutes)

  // The built web app; any other path is a page of the single-page app (deep links).
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
    return c.html(fs.readFileSync(index, 'utf8'))
  })

  app.onError(handleError)
  app.notFound(() => {
    throw notFound()
  })
  return app
}

export type App = ReturnType<typeof createApp>
