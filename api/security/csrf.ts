// Cross-site request forgery guard for unsafe methods under /api.
// - Every unsafe request must declare a JSON body (Content-Type: application/json), with or
//   without a session: text/plain, multipart/form-data, urlencoded and a missing type are what
//   an HTML form or a "simple" cross-site fetch can send without a CORS preflight, so refusing
//   them leaves a cross-site page no way to write (the preflight fails: CORS is closed).
// - With a session cookie the request must also carry an Origin that is ours (or in
//   CORS_ORIGINS); an Origin from elsewhere is refused even without a cookie.
// Exempt routes (none today) would be listed in CSRF_EXEMPT by "<METHOD> <path>".
// File uploads (FILE_BODY_TYPES) may send their file's own type instead of JSON: text/csv and
// application/geo+json are not CORS-safelisted types either, so a cross-site page still cannot
// send them without a preflight; the Origin check above applies to them unchanged.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { hasSessionCookie } from '../auth/session-cookie.ts'
import { ApiError } from '../errors.ts'
import { requestOrigin } from './client-address.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
export const CSRF_EXEMPT: ReadonlySet<string> = new Set<string>()

/** "<METHOD> <path>" → the non-JSON body types it accepts (the bulk imports, api/import/). */
export const FILE_BODY_TYPES: Readonly<Record<string, readonly string[]>> = {
  'POST /api/import/places': ['text/csv', 'application/geo+json'],
  'POST /api/import/resources': ['text/csv', 'application/geo+json'],
}

/** The same for routes with ids in their path: a map's photos and GeoJSON imports. Image types
 * are not CORS-safelisted either (a cross-site page needs a preflight to send them). */
export const FILE_BODY_ROUTES: readonly {
  method: string
  path: RegExp
  types: readonly string[]
}[] = [
  {
    method: 'POST',
    path: /^\/api\/maps\/[^/]+\/features\/[^/]+\/photos$/,
    types: ['image/jpeg', 'image/png', 'image/webp'],
  },
  { method: 'POST', path: /^\/api\/maps\/[^/]+\/import$/, types: ['application/geo+json'] },
]

function isFileBodyType(key: string, value: string | undefined): boolean {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase()
  const types = Object.hasOwn(FILE_BODY_TYPES, key) ? FILE_BODY_TYPES[key] : undefined
  if (types) return types.includes(type)
  const [method, path] = key.split(' ') as [string, string]
  return FILE_BODY_ROUTES.some(
    (r) => r.method === method && r.path.test(path) && r.types.includes(type),
  )
}

export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false
  const type = value.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json'
}

export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method) || CSRF_EXEMPT.has(`${c.req.method} ${c.req.path}`)) return next()
  const origin = c.req.header('origin')
  const withCookie = hasSessionCookie(c)
  if (origin !== undefined || withCookie) {
    const allowed = origin === requestOrigin(c) || c.var.config.corsOrigins.includes(origin ?? '')
    if (!allowed) {
      throw new ApiError(
        403,
        'csrf',
        origin === undefined
          ? 'Requests that change data need an Origin header'
          : 'Requests that change data must come from this site',
      )
    }
  }
  const type = c.req.header('content-type')
  if (!isJsonContentType(type) && !isFileBodyType(`${c.req.method} ${c.req.path}`, type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request as application/json')
  }
  return next()
}
