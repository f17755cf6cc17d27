// Sharing a map as GeoJSON (RFC 7946): the export carries the legend and the map's description
// as foreign members; the import takes such a file (or any FeatureCollection of points, lines
// and polygons) into a map, all or nothing: every feature is checked, and one refusal stores
// none. Limits apply as when drawing (2,000 vertices, 5,000 features per map).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr } from '../auth/authorize.middleware.ts'
import { ApiError, notFound } from '../errors.ts'
import { valid } from '../validate.ts'
import { recordChange } from './changes.repository.ts'
import { assertRoomFor } from './feature-rules.ts'
import { findFeature, insertFeature, listFeatures } from './features.repository.ts'
import { checkImport, type ImportRefusal } from './import.ts'
import { readableMap, writeMap } from './map-context.ts'
import { toFeature, toMapPublic } from './maps.mapper.ts'
import { findMap, updateMap } from './maps.repository.ts'
import { mapIdParam } from './maps.schema.ts'
import { slugOf } from './legend.ts'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

const importLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'The file is over 20 MB')
  },
})

const importQuery = z.object({
  /** The symbol for features that name none (files from elsewhere). */
  symbol: z.string().max(40).optional(),
})

export const EXPORT_ATTRIBUTION = 'Intrecci — mappe non convenzionali; the group that drew it'

export const shareRoutes = new Hono<AppEnv>()
  .get('/maps/:id/export.geojson', valid('param', mapIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const { map } = await readableMap(c, id)
    const rows = await listFeatures(c.var.db, id, { allStatuses: false })
    const symbols = new Map(map.legend.map((s) => [s.key, s]))
    const features = rows.map((r) => {
      const f = toFeature(r)
      const s = symbols.get(r.symbol)
      const { status: _s, version: _v, mapId: _m, author, photos, ...props } = f.properties
      return {
        ...f,
        properties: {
          ...props,
          symbolLabel: s?.label ?? null,
          color: s?.color ?? null,
          emoji: s?.emoji ?? null,
          author: author.name,
          photos: photos.map((p) => p.url),
        },
      }
    })
    const meta = toMapPublic(map)
    c.header('Content-Type', 'application/geo+json')
    c.header('Cache-Control', 'no-store')
    c.header(
      'Content-Disposition',
      `attachment; filename="intrecci-mappa-${slugOf(map.title).slice(0, 40)}.geojson"`,
    )
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        name: map.title,
        map: {
          id: meta.id,
          title: meta.title,
          description: meta.description,
          meeting: meta.meeting,
          language: meta.language,
        },
        legend: map.legend,
        attribution: EXPORT_ATTRIBUTION,
        timeStamp: new Date().toISOString(),
        features,
      }),
    )
  })
  .post(
    '/maps/:id/import',
    valid('param', mapIdParam),
    importLimit,
    valid('query', importQuery),
    async (c) => {
      const { id } = c.req.valid('param')
      const map = await findMap(c.var.db, id)
      if (!map) throw notFound('No map with this id')
      assertOwnerOr(c, map.owner_id)
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch {
        throw new ApiError(400, 'invalid_input', 'body: not JSON', [
          { field: 'body', message: 'not valid JSON' },
        ])
      }
      const checked = await checkImport(c.var.db, body, {
        legend: map.legend,
        defaultSymbol: c.req.valid('query').symbol,
        territory: c.var.config.territoryBbox,
      })
      if ('error' in checked) throw checked.error
      if (checked.refusals.length) throw importRefused(checked.refusals)
      const result = await writeMap(c, id, async (tx, locked) => {
        assertRoomFor(locked.feature_count, checked.features.length)
        const legend = [...locked.legend, ...checked.legendAdded]
        if (checked.legendAdded.length) {
          const m = (await findMap(tx, id))!
          await updateMap(tx, id, m.version, {
            title: m.title,
            description: m.description,
            meetingPlace: m.meeting_place,
            meetingPoint: m.meeting_point,
            metOn: m.met_on,
            language: m.language,
            visibility: m.visibility,
            legend,
          })
          await recordChange(tx, {
            mapId: id,
            type: 'map.updated',
            payload: { map: toMapPublic((await findMap(tx, id))!) },
          })
        }
        for (const f of checked.features) {
          const featureId = await insertFeature(tx, {
            ...f,
            mapId: id,
            authorId: c.var.user!.id,
            participantId: null,
          })
          await recordChange(tx, {
            mapId: id,
            type: 'feature.created',
            payload: { feature: toFeature((await findFeature(tx, id, featureId))!) },
            featureId,
          })
        }
        await audit(tx, {
          actor: actorOf(c),
          action: 'map.import',
          target: { kind: 'map', id },
          after: {
            features: checked.features.length,
            symbolsAdded: checked.legendAdded.map((s) => s.key),
          },
        })
        const after = (await tx
          .selectFrom('maps')
          .select('last_seq')
          .where('id', '=', id)
          .executeTakeFirstOrThrow())!
        return { seq: Number(after.last_seq) }
      })
      return c.json(
        {
          imported: checked.features.length,
          symbolsAdded: checked.legendAdded.map((s) => s.key),
          seq: result.seq,
        },
        201,
      )
    },
  )

function importRefused(refusals: ImportRefusal[]): ApiError {
  const first = refusals[0]!
  const more = refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : ''
  return new ApiError(
    first.status,
    'import_refused',
    `Nothing was imported: ${first.field}: ${first.message}${more}`,
    refusals.map((r) => ({ field: r.field, message: r.message })),
  )
}
