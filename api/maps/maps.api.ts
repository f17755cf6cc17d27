// Everything under /api/maps, in the order Hono must try it: fixed paths (templates, mine,
// join) before the /maps/:id routes.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { featuresRoutes } from './features.routes.ts'
import { liveRoutes } from './live.ts'
import { mapsRoutes } from './maps.routes.ts'
import { participantsRoutes } from './participants.routes.ts'
import { photosRoutes } from './photos.routes.ts'
import { shareRoutes } from './share.routes.ts'

export const mapsApi = new Hono<AppEnv>()
  .route('/', participantsRoutes)
  .route('/', mapsRoutes)
  .route('/', featuresRoutes)
  .route('/', photosRoutes)
  .route('/', liveRoutes)
  .route('/', shareRoutes)

/** Routes that take a body other than JSON, or larger than 1 MB, with their own limits. */
export const MAP_UPLOAD_PATH = /^\/api\/maps\/[^/]+\/(?:import|features\/[^/]+\/photos)$/
