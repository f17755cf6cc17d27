// One imported record (a CSV row or a GeoJSON feature's properties) → a row ready to store, or
// the problems found in it as { field, reason }. The same zod schemas and geometry guard as the
// API's own POST routes (api/places/places.schema.ts, api/resources/resources.schema.ts,
// api/geo/guard.ts), so an import can never store what the API would refuse.
import { z } from 'zod'
import type { Bbox } from '../config.ts'
import { checkGeometry, type Position } from '../geo/guard.ts'
import { foldText } from '../geo/search-text.ts'
import { lineText, optional } from '../geo/text-fields.ts'
import { createPlaceBody } from '../places/places.schema.ts'
import { createResourceBody } from '../resources/resources.schema.ts'
import { parseWktPoint } from './wkt.ts'

export type ImportKind = 'places' | 'resources'

export interface Issue {
  /** CSV: the line in the file (header = 1). GeoJSON: the feature's number, from 1. */
  line: number
  field: string
  reason: string
}

/** A record as read: cell text from CSV, any JSON value from GeoJSON properties. */
export type RawRecord = Record<string, unknown>

export interface PlaceImportRow {
  external_id: string
  category: string
  name: string
  description: string | null
  story: string | null
  address: string | null
  attribution: string | null
  lon: number
  lat: number
  search_text: string
}

export interface ResourceImportRow {
  external_id: string
  name: string
  description: string | null
  themes: string[]
  organization_name: string | null
  email: string | null
  phone: string | null
  url: string | null
  schedule: { byday: string; opensAt: string; closesAt: string; description?: string }[]
  eligibility_description: string | null
  languages: string[]
  accessibility: string | null
  address: string | null
  assured_date: string | null
  attribution: string | null
  lon: number
  lat: number
  search_text: string
}

export type ImportRow = PlaceImportRow | ResourceImportRow

export type RowResult<R> = { ok: true; row: R } | { ok: false; issues: Omit<Issue, 'line'>[] }

const importFields = z.object({
  external_id: lineText(200),
  attribution: optional(lineText(300)),
})

/** Empty cells are absent values. */
function text(v: unknown): unknown {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'string') return v.trim() === '' ? undefined : v
  return v
}

/** "a; b | c" → ['a', 'b', 'c']; arrays (GeoJSON) pass through. */
function list(v: unknown): unknown {
  const t = text(v)
  if (typeof t !== 'string') return t
  return t
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** "MO 09:00-12:30, TH 15:00-18:00" → HSDS-like schedule entries; arrays pass through. */
function schedule(v: unknown): unknown {
  const t = text(v)
  if (typeof t !== 'string') return t
  return t
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([A-Za-z]{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(entry)
      if (!m) return { byday: entry }
      const pad = (h: string) => h.padStart(5, '0')
      return { byday: m[1]!.toUpperCase(), opensAt: pad(m[2]!), closesAt: pad(m[3]!) }
    })
}

type Geo =
  { ok: true; coordinates: Position; field: string } | { ok: false; field: string; reason: string }

/** lon/lat columns, a wkt column, or (GeoJSON) the feature's geometry. */
function position(r: RawRecord, geometry: unknown): Geo {
  if (geometry !== undefined) {
    const g = geometry as { type?: unknown; coordinates?: unknown } | null
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates)) {
      return { ok: false, field: 'geometry', reason: 'must be a GeoJSON Point' }
    }
    return { ok: true, coordinates: g.coordinates as Position, field: 'geometry' }
  }
  const wkt = text(r.wkt)
  if (wkt !== undefined) {
    const p = parseWktPoint(String(wkt))
    return p.ok
      ? { ok: true, coordinates: p.coordinates, field: 'wkt' }
      : { ok: false, field: 'wkt', reason: p.reason }
  }
  const lon = coordinate(r.lon)
  if (typeof lon === 'string') return { ok: false, field: 'lon', reason: lon }
  const lat = coordinate(r.lat)
  if (typeof lat === 'string') return { ok: false, field: 'lat', reason: lat }
  return { ok: true, coordinates: [lon, lat], field: 'lon/lat' }
}

function coordinate(v: unknown): number | string {
  const t = text(v)
  if (t === undefined) return 'missing: give lon and lat, or wkt'
  if (typeof t === 'number') return t
  const s = String(t).trim()
  if (/^[-+]?\d+,\d+$/.test(s)) return 'use a dot as the decimal separator (7.68, not 7,68)'
  if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return 'not a number'
  return Number(s)
}

/** The guard's territory check, with a plainer word when latitude and longitude are swapped. */
function guardPoint(geo: Extract<Geo, { ok: true }>, territory: Bbox) {
  const checked = checkGeometry(
    { type: 'Point', coordinates: geo.coordinates },
    { types: ['Point'], territory, field: geo.field },
  )
  if (checked.valid) return checked
  const [x, y] = geo.coordinates
  const [w, s, e, n] = territory
  const swapped = y >= w && y <= e && x >= s && x <= n
  return {
    ...checked,
    field: geo.field,
    reason: swapped
      ? `latitude and longitude look swapped (${x}, ${y}): longitude comes first`
      : checked.reason,
  }
}

function zodIssues(error: z.ZodError): Omit<Issue, 'line'>[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || 'row', reason: i.message }))
}

export function placeRow(
  r: RawRecord,
  territory: Bbox,
  geometry?: unknown,
): RowResult<PlaceImportRow> {
  const issues: Omit<Issue, 'line'>[] = []
  const ids = importFields.safeParse({
    external_id: text(r.external_id),
    attribution: text(r.attribution),
  })
  if (!ids.success) issues.push(...zodIssues(ids.error))
  const geo = position(r, geometry)
  const body = createPlaceBody.safeParse({
    category: text(r.category),
    name: text(r.name),
    description: text(r.description),
    story: text(r.story),
    address: text(r.address),
    geometry: { type: 'Point', coordinates: geo.ok ? geo.coordinates : [0, 0] },
  })
  if (!body.success)
    issues.push(...zodIssues(body.error).filter((i) => !i.field.startsWith('geometry')))
  if (!geo.ok) issues.push({ field: geo.field, reason: geo.reason })
  const guarded = geo.ok ? guardPoint(geo, territory) : undefined
  if (guarded && !guarded.valid) issues.push({ field: guarded.field, reason: guarded.reason })
  if (issues.length || !ids.success || !body.success || !guarded?.valid)
    return { ok: false, issues }
  const b = body.data
  const [lon, lat] = guarded.geometry.coordinates
  return {
    ok: true,
    row: {
      external_id: ids.data.external_id,
      category: b.category,
      name: b.name,
      description: b.description ?? null,
      story: b.story ?? null,
      address: b.address ?? null,
      attribution: ids.data.attribution ?? null,
      lon,
      lat,
      search_text: foldText(b.name, b.description),
    },
  }
}

export function resourceRow(
  r: RawRecord,
  territory: Bbox,
  geometry?: unknown,
): RowResult<ResourceImportRow> {
  const issues: Omit<Issue, 'line'>[] = []
  const ids = importFields.safeParse({
    external_id: text(r.external_id),
    attribution: text(r.attribution),
  })
  if (!ids.success) issues.push(...zodIssues(ids.error))
  const geo = position(r, geometry)
  const body = createResourceBody.safeParse({
    name: text(r.name),
    description: text(r.description),
    themes: list(r.themes) ?? [],
    organization: text(r.organization),
    email: text(r.email),
    phone: text(r.phone),
    url: text(r.url),
    schedule: schedule(r.schedule),
    eligibilityDescription: text(r.audience),
    languages: (list(r.languages) as unknown[] | undefined)?.map((l) =>
      typeof l === 'string' ? l.toLowerCase() : l,
    ),
    accessibility: text(r.accessibility),
    address: text(r.address),
    assuredDate: text(r.last_verified),
    geometry: { type: 'Point', coordinates: geo.ok ? geo.coordinates : [0, 0] },
  })
  if (!body.success) {
    issues.push(
      ...zodIssues(body.error)
        .filter((i) => !i.field.startsWith('geometry'))
        .map((i) => ({ ...i, field: CSV_NAME[i.field.split('.')[0]!] ?? i.field })),
    )
  }
  if (!geo.ok) issues.push({ field: geo.field, reason: geo.reason })
  const guarded = geo.ok ? guardPoint(geo, territory) : undefined
  if (guarded && !guarded.valid) issues.push({ field: guarded.field, reason: guarded.reason })
  if (issues.length || !ids.success || !body.success || !guarded?.valid)
    return { ok: false, issues }
  const b = body.data
  const [lon, lat] = guarded.geometry.coordinates
  return {
    ok: true,
    row: {
      external_id: ids.data.external_id,
      name: b.name,
      description: b.description ?? null,
      themes: b.themes,
      organization_name: b.organization ?? null,
      email: b.email ?? null,
      phone: b.phone ?? null,
      url: b.url ?? null,
      schedule: (b.schedule ?? []).map((s) => ({ ...s })),
      eligibility_description: b.eligibilityDescription ?? null,
      languages: [...new Set(b.languages ?? [])],
      accessibility: b.accessibility ?? null,
      address: b.address ?? null,
      assured_date: b.assuredDate ?? null,
      attribution: ids.data.attribution ?? null,
      lon,
      lat,
      search_text: foldText(b.name, b.description, b.organization),
    },
  }
}

/** API field names → the import's column names, so the report names what the file has. */
const CSV_NAME: Record<string, string> = {
  eligibilityDescription: 'audience',
  assuredDate: 'last_verified',
}

export function rowFor(kind: ImportKind) {
  return kind === 'places' ? placeRow : resourceRow
}

/** The columns each kind reads (others are reported once as ignored). */
export const COLUMNS: Record<ImportKind, readonly string[]> = {
  places: ['external_id', 'name', 'category', 'description', 'story', 'address', 'attribution'],
  resources: [
    'external_id',
    'name',
    'organization',
    'themes',
    'phone',
    'email',
    'url',
    'address',
    'description',
    'audience',
    'languages',
    'schedule',
    'accessibility',
    'last_verified',
    'attribution',
  ],
}
export const GEOMETRY_COLUMNS = ['lon', 'lat', 'wkt'] as const
