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

export function securityHeaders(config: Config): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: cspDirectives(config),
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: ['self'], payment: [] },
    // A route that needs another policy (the future embed route) sets its own headers.
    overwrite: false,
  })
}
