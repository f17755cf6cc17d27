import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { valid } from '../validate.ts'
import { toAreaFeature } from './areas.mapper.ts'
import { findArea, listAreas } from './areas.repository.ts'
import { areaIdParam, listAreasQuery } from './areas.schema.ts'
import { INDICATORS } from './indicators.ts'

export const areasRoutes = new Hono<AppEnv>()
  .get('/areas', valid('query', listAreasQuery), async (c) => {
    const { kind } = c.req.valid('query')
    const rows = await listAreas(c.var.db, { kind })
    const features = rows.map(toAreaFeature)
    c.header('Content-Type', 'application/geo+json')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        numberMatched: features.length,
        numberReturned: features.length,
        features,
      }),
    )
  })
  .get('/areas/indicators', (c) => c.json({ indicators: INDICATORS }))
  .get('/areas/:id', valid('param', areaIdParam), async (c) => {
    const row = await findArea(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('No area with this id')
    c.header('Content-Type', 'application/geo+json')
    return c.body(JSON.stringify(toAreaFeature(row)))
  })
