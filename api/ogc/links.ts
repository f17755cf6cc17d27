// Links of OGC API – Features (§7.4 "link"): absolute hrefs, each with rel, type and title, as
// GDAL, QGIS and other clients follow them. Built from the origin the client used (behind a
// trusted proxy: its X-Forwarded-Proto and -Host), so links work from outside.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requestOrigin } from '../security/client-address.ts'

export interface Link {
  href: string
  rel: string
  type: string
  title: string
}

/** The absolute URL of the API's root (`…/ogc`) for this request. */
export function rootUrl(c: Context<AppEnv>): string {
  return `${requestOrigin(c)}/ogc`
}

/** The absolute URL of this request, as the client addressed it. */
export function requestUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  return `${requestOrigin(c)}${url.pathname}${url.search}`
}

export function link(href: string, rel: string, type: string, title: string): Link {
  return { href, rel, type, title }
}

/** `url` with the query parameters given set (replacing any of the same name). */
export function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url)
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v)
  return u.toString()
}
