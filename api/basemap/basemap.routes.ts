// Serves the offline basemap: its style, glyphs, sprite sheets and municipality labels. Its
// areas and parks are vector tiles (tiles/).
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { municipalityLabelPoints } from './labels.repository.ts'
import { offlineStyle } from './style.ts'

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url))
const FONTS_DIR = path.join(FIXTURES, 'basemap/fonts')
const SPRITES_DIR = path.join(FIXTURES, 'basemap/sprites')

const RANGE = /^(\d{1,5})-(\d{1,5})\.pbf$/
const SPRITE = /^basemap(@2x)?\.(json|png)$/
const IMMUTABLE = 'public, max-age=86400'

export const basemapRoutes = new Hono<AppEnv>()
  .get('/styles/basemap.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(offlineStyle(new URL(c.req.url).origin))
  })
  .get('/fonts/:fontstack/:range', async (c) => {
    const range = c.req.param('range')
    if (!RANGE.test(range)) throw notFound('No such glyph range')
    // MapLibre asks for a comma-separated stack: serve the first font of it that we have.
    for (const font of c.req.param('fontstack').split(',')) {
      const name = font.trim()
      if (!/^[A-Za-z0-9 ]{1,64}$/.test(name)) continue
      const dir = path.join(FONTS_DIR, name)
      if (!(await fs.stat(dir).catch(() => undefined))?.isDirectory()) continue
      // A range the font does not cover is an empty glyph set (zero bytes is a valid message),
      // not an error: the map then simply has no glyphs for those characters.
      const data = await fs.readFile(path.join(dir, range)).catch(() => new Uint8Array(0))
      c.header('Content-Type', 'application/x-protobuf')
      c.header('Cache-Control', IMMUTABLE)
      return c.body(data)
    }
    throw notFound('No such font')
  })
  // One label point per municipality: labelling the polygons themselves would repeat a name on
  // each part of a multipolygon and at tile edges.
  .get('/basemap/labels.geojson', async (c) => {
    const rows = await municipalityLabelPoints(c.var.db)
    c.header('Content-Type', 'application/geo+json')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.id,
          geometry: r.geometry,
          properties: { name: r.name, kind: 'municipality' },
        })),
      }),
    )
  })
  // The sprite sheets (scripts/build-sprites.ts): basemap.json/.png and their @2x.
  .get('/sprites/:file', async (c) => {
    const file = c.req.param('file')
    const m = SPRITE.exec(file)
    if (!m) throw notFound('No such sprite sheet')
    c.header('Content-Type', m[2] === 'png' ? 'image/png' : 'application/json')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(await fs.readFile(path.join(SPRITES_DIR, file)))
  })
