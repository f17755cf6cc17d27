// What the spatial list routes share: the bbox / limit / cursor query fields, opaque keyset
// cursors, and the FeatureCollection envelope with numberMatched, numberReturned and links
// (OGC API – Features Part 1, https://docs.ogc.org/is/17-069r4/17-069r4.html, §7.15).
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.ts'

export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100

/** `bbox=minLon,minLat,maxLon,maxLat` in EPSG:4326 degrees. */
export const bboxParam = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const n = v.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)))
    const [w, s, e, north] = n as [number, number, number, number]
    const ok =
      n.length === 4 &&
      n.every(Number.isFinite) &&
      w >= -180 &&
      e <= 180 &&
      s >= -90 &&
      north <= 90 &&
      w <= e &&
      s <= north
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be minLon,minLat,maxLon,maxLat in degrees, min ≤ max',
      })
      return z.NEVER
    }
    return [w, s, e, north] as [number, number, number, number]
  })

export const limitParam = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)

/** An opaque cursor over the `seq` column (newest first: the next page has smaller seq). */
export const cursorParam = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const text = Buffer.from(v, 'base64url').toString('utf8')
    const m = /^s:(\d{1,19})$/.exec(text)
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page' })
      return z.NEVER
    }
    return m[1]!
  })

export const encodeCursor = (seq: string) => Buffer.from(`s:${seq}`).toString('base64url')

/** A comma-separated list of vocabulary keys: `category=biblioteca,scuola`. */
export function keyList<K extends string>(keys: readonly [K, ...K[]]) {
  const one = z.enum(keys)
  return z
    .string()
    .max(500)
    .transform((v, ctx) => {
      const items = v.split(',').map((s) => s.trim())
      const out: K[] = []
      for (const item of items) {
        const r = one.safeParse(item)
        if (!r.success) {
          ctx.addIssue({ code: 'custom', message: `unknown value "${item.slice(0, 40)}"` })
          return z.NEVER
        }
        out.push(r.data)
      }
      return out
    })
}

export interface Page<R> {
  rows: R[]
  /** seq of the last row when there are more rows after it. */
  nextSeq: string | null
  /** Only when the page was read backwards (`newerThan`): seq of its first row when there are
   * newer rows before it. */
  prevSeq?: string | null
  numberMatched: number
}

/** Which page of a list ordered newest first (by `seq`): older than `cursor` (next pages, the
 * default), or newer than `newerThan` (a previous page: read oldest first, returned newest
 * first like every page). */
export interface SeqWindow {
  limit: number
  cursor?: string | undefined
  newerThan?: string | undefined
}

/** A time filter: `from` inclusive, `until` exclusive; either may be open. */
export interface TimeWindow {
  from?: Date | undefined
  until?: Date | undefined
}

/** The GeoJSON list response: FeatureCollection + OGC paging members, application/geo+json. */
export function featureCollection(c: Context, features: unknown[], page: Page<unknown>) {
  const self = new URL(c.req.url)
  const links: { rel: string; href: string; type: string }[] = [
    { rel: 'self', href: self.pathname + self.search, type: 'application/geo+json' },
  ]
  if (page.nextSeq !== null) {
    const next = new URL(self)
    next.searchParams.set('cursor', encodeCursor(page.nextSeq))
    links.push({ rel: 'next', href: next.pathname + next.search, type: 'application/geo+json' })
  }
  c.header('Content-Type', 'application/geo+json')
  c.header('Cache-Control', 'no-store')
  return c.body(
    JSON.stringify({
      type: 'FeatureCollection',
      numberMatched: page.numberMatched,
      numberReturned: features.length,
      features,
      links,
    }),
  )
}

/** If-Match with the version from the ETag (`"3"`): required (428), compared strongly. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('if-match')
  if (!header || header.trim() === '*') {
    throw new ApiError(
      428,
      'precondition_required',
      'Send If-Match with the ETag of the version you edited',
    )
  }
  const m = /^\s*"(\d{1,9})"\s*$/.exec(header)
  // Anything else (weak tags, lists, garbage) can never match a version: stale.
  return m ? Number(m[1]) : -1
}

export const staleVersion = (current: number) =>
  new ApiError(
    412,
    'version_mismatch',
    `Someone changed this since you loaded it (current version ${current}): reload and retry`,
    [{ field: 'If-Match', message: `current version is ${current}` }],
  )

export const etag = (version: number) => `"${version}"`
