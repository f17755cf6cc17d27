// Security headers, with a Content-Security-Policy (CSP Level 3) that lets the page load only the
// app itself, its tiles and the configured basemap. MapLibre needs blob: workers, data:/blob:
// images and inline style attributes; nothing runs inline scripts.
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../config.ts'
import { DEFAULT_BASEMAP_STYLE_URL } from '../config.ts'

/** Where the default online style's tiles, glyphs and sprites come from. */
export const DEFAULT_BASEMAP_HOSTS = ['https://tiles.openfreemap.org']

export type CspDirectives = Record<string, string[]>

export function cspDirectives(
  config: Pick<Config, 'basemapStyleUrl' | 'basemapOrigins'>,
): CspDirectives {
  const basemap = new Set<string>(config.basemapOrigins)
  if (config.basemapStyleUrl !== 'offline') {
    basemap.add(new URL(config.basemapStyleUrl).origin)
    if (config.basemapStyleUrl === DEFAULT_BASEMAP_STYLE_URL) {
      for (const h of DEFAULT_BASEMAP_HOSTS) basemap.add(h)
    }
  }
  const remote = [...basemap].sort()
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...remote],
    connectSrc: ["'self'", ...remote],
    fontSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  }
}

/** The header value, e.g. for tests: `default-src 'self'; script-src 'self'; …`. */
export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())} ${v.join(' ')}`)
    .join('; ')
}

/** Pages made to be shown inside other sites' <iframe>s (web/src/pages/MapEmbedPage.svelte):
 * any site may frame them. Every other response may not be framed at all (clickjacking). */
export const EMBED_PATH = /^\/embed\//

export function securityHeaders(config: Config): MiddlewareHandler {
  const directives = cspDirectives(config)
  const common = {
    permissionsPolicy: { camera: [], microphone: [], geolocation: ['self'], payment: [] },
    // A route that needs another policy sets its own headers.
    overwrite: false,
  }
  const page = secureHeaders({
    ...common,
    contentSecurityPolicy: directives,
    xFrameOptions: 'DENY',
  })
  // X-Frame-Options has no "anyone" value: left out; CSP frame-ancestors says who may frame.
  // Cross-Origin-Resource-Policy: same-origin would make Chromium refuse the frame too.
  const embed = secureHeaders({
    ...common,
    contentSecurityPolicy: { ...directives, frameAncestors: ['*'] },
    xFrameOptions: false,
    crossOriginResourcePolicy: 'cross-origin',
  })
  return (c, next) => (EMBED_PATH.test(c.req.path) ? embed(c, next) : page(c, next))
}
