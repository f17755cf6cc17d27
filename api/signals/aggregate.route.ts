// GET /api/signals/aggregate — public. Counts of need signals per area (by=area&kind=…) or per
// hexagon (by=hex&size=…), filtered by theme and whole ISO weeks (from/to). Planners and admins
// read exact counts; for everyone else counts pass through suppression.ts. No bbox, no point:
// the query refuses unknown parameters (400), so no filter can be narrowed around a signal.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'
import { aggregateByArea, aggregateByHex } from './aggregate.repository.ts'
import { PUBLIC_MIN_HEX_SIZE, aggregateQuery } from './signals.schema.ts'
import { toAreaCount, toHexFeature } from './signals.mapper.ts'
import { seesExactCounts, suppressionInfo } from './suppression.ts'
import { addDays, formatWeek, isoDate, isoWeekOf } from './weeks.ts'

export const aggregateRoute = new Hono<AppEnv>().get(
  '/signals/aggregate',
  valid('query', aggregateQuery),
  async (c) => {
    const q = c.req.valid('query')
    const exact = seesExactCounts(c.var.user?.role)
    const filter = {
      theme: q.theme,
      from: q.from ? isoDate(q.from) : undefined,
      until: q.to ? isoDate(addDays(q.to, 7)) : undefined,
    }
    const meta = {
      theme: q.theme ?? null,
      from: q.from ? formatWeek(isoWeekOf(q.from)) : null,
      to: q.to ? formatWeek(isoWeekOf(q.to)) : null,
      suppression: suppressionInfo(exact),
    }
    // Exact counts must never sit in a shared cache; the public answer may, briefly.
    c.header('Cache-Control', exact ? 'private, no-store' : 'public, max-age=60')
    c.header('Vary', 'Cookie')
    if (q.by === 'area') {
      const rows = await aggregateByArea(c.var.db, { ...filter, kind: q.kind! })
      return c.json({
        by: 'area',
        kind: q.kind,
        ...meta,
        areas: rows.map((r) => toAreaCount(r, exact)),
      })
    }
    const size = q.size!
    if (!exact && size < PUBLIC_MIN_HEX_SIZE) {
      throw new ApiError(400, 'invalid_input', `size: at least ${PUBLIC_MIN_HEX_SIZE} metres`, [
        { field: 'size', message: `at least ${PUBLIC_MIN_HEX_SIZE} metres` },
      ])
    }
    const rows = await aggregateByHex(c.var.db, { ...filter, size })
    c.header('Content-Type', 'application/geo+json')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        by: 'hex',
        size,
        gridCrs: 'EPSG:3857',
        ...meta,
        numberReturned: rows.length,
        features: rows.map((r) => toHexFeature(r, size, exact)),
      }),
    )
  },
)
