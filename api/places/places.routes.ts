// /api/places: luoghi della comunità. Lists are GeoJSON FeatureCollections (bbox, category, q,
// status, limit, cursor); edits need If-Match with the version (ETag); the exports hold what is
// published. Who sees what: visitors published only; authors also their own in any status;
// moderators and admins everything.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr, forbidden } from '../auth/authorize.middleware.ts'
import { ApiError, notFound } from '../errors.ts'
import { etag, expectedVersion, featureCollection, staleVersion } from '../geo/feature-list.ts'
import { guardGeometry } from '../geo/validity.ts'
import { idempotent } from '../idempotency/idempotency.middleware.ts'
import { isHoneypotFilled, requirePseudonym } from '../moderation/anonymous.ts'
import { initialStatus } from '../moderation/publication.ts'
import { TRANSITIONS } from '../moderation/transitions.ts'
import { toCsv } from '../security/csv.ts'
import { valid } from '../validate.ts'
import {
  auditSnapshot,
  PLACE_CSV_HEADER,
  toPlaceCsvRow,
  toPlaceExportFeature,
  toPlaceFeature,
} from './places.mapper.ts'
import {
  findPlace,
  insertPlace,
  listPlaces,
  publishedPlaces,
  updatePlace,
  type PlaceRow,
  type Viewer,
} from './places.repository.ts'
import {
  createPlaceBody,
  hideBody,
  listPlacesQuery,
  placeIdParam,
  updatePlaceBody,
} from './places.schema.ts'
import { setContentStatus, deleteContent } from '../moderation/content-rows.ts'

export const PLACES_ATTRIBUTION =
  'Luoghi della comunità — Intrecci contributors; published under ODbL 1.0'

export function viewerOf(c: Context<AppEnv>): Viewer {
  const user = c.var.user
  if (!user) return { kind: 'visitor' }
  if (user.role === 'moderator' || user.role === 'admin') {
    return { kind: 'moderator', userId: user.id }
  }
  return { kind: 'user', userId: user.id }
}

function canSee(viewer: Viewer, row: { status: string; author_id: string | null }): boolean {
  if (row.status === 'published' || viewer.kind === 'moderator') return true
  return viewer.kind === 'user' && row.author_id === viewer.userId
}

async function visiblePlace(c: Context<AppEnv>, id: string): Promise<PlaceRow> {
  const row = await findPlace(c.var.db, id)
  // Not visible reads as not there: the existence of a pending place is not disclosed.
  if (!row || !canSee(viewerOf(c), row)) throw notFound('No place with this id')
  return row
}

function sendPlace(c: Context<AppEnv>, row: PlaceRow, status: 200 | 201 = 200) {
  c.header('Content-Type', 'application/geo+json')
  c.header('ETag', etag(row.version))
  c.header('Cache-Control', 'no-store')
  return c.body(JSON.stringify(toPlaceFeature(row, c.var.user?.id ?? null)), status)
}

export const placesRoutes = new Hono<AppEnv>()
  .get('/places/export.geojson', async (c) => {
    const rows = await publishedPlaces(c.var.db)
    c.header('Content-Type', 'application/geo+json')
    c.header('Content-Disposition', 'attachment; filename="intrecci-luoghi.geojson"')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        attribution: PLACES_ATTRIBUTION,
        timeStamp: new Date().toISOString(),
        features: rows.map(toPlaceExportFeature),
      }),
    )
  })
  .get('/places/export.csv', async (c) => {
    const rows = await publishedPlaces(c.var.db)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="intrecci-luoghi.csv"')
    return c.body(toCsv(PLACE_CSV_HEADER, rows.map(toPlaceCsvRow)))
  })
  .get('/places', valid('query', listPlacesQuery), async (c) => {
    const q = c.req.valid('query')
    const viewer = viewerOf(c)
    // Only moderators filter on any status; authors on their own (the filter in
    // listPlaces keeps non-published rows to their own); visitors see published only.
    if (q.status && q.status !== 'published' && viewer.kind === 'visitor') {
      throw forbidden('Only published places are visible without signing in')
    }
    const page = await listPlaces(c.var.db, { ...q, viewer })
    const me = c.var.user?.id ?? null
    return featureCollection(
      c,
      page.rows.map((r) => toPlaceFeature(r, me)),
      page,
    )
  })
  .get('/places/:id', valid('param', placeIdParam), async (c) => {
    return sendPlace(c, await visiblePlace(c, c.req.valid('param').id))
  })
  .post('/places', idempotent, valid('json', createPlaceBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.var.user
    if (isHoneypotFilled(body)) return c.json({ status: 'pending' }, 202)
    const pseudonym = requirePseudonym(user, body.pseudonym)
    const geometry = await guardGeometry(c.var.db, body.geometry, {
      territory: c.var.config.territoryBbox,
    })
    const row = await c.var.db.transaction().execute(async (tx) => {
      const status = await initialStatus(tx, user)
      const id = await insertPlace(tx, {
        ...body,
        geometry,
        status,
        authorId: user?.id ?? null,
        pseudonym,
      })
      const created = (await findPlace(tx, id))!
      await audit(tx, {
        actor: actorOf(c),
        action: 'place.create',
        target: { kind: 'place', id },
        after: auditSnapshot(created),
      })
      return created
    })
    c.header('Location', `/api/places/${row.id}`)
    return sendPlace(c, row, 201)
  })
  .patch('/places/:id', valid('param', placeIdParam), valid('json', updatePlaceBody), async (c) => {
    const { id } = c.req.valid('param')
    const change = c.req.valid('json')
    const expected = expectedVersion(c)
    const current = await visiblePlace(c, id)
    assertOwnerOr(c, current.author_id)
    if (current.version !== expected) throw staleVersion(current.version)
    const geometry = change.geometry
      ? await guardGeometry(c.var.db, change.geometry, { territory: c.var.config.territoryBbox })
      : current.geometry
    const merged = {
      category: change.category ?? current.category,
      name: change.name ?? current.name,
      description: change.description === undefined ? current.description : change.description,
      story: change.story === undefined ? current.story : change.story,
      address: change.address === undefined ? current.address : change.address,
      geometry,
    }
    const row = await c.var.db.transaction().execute(async (tx) => {
      // The UPDATE re-checks the version: two concurrent edits cannot both win.
      if (!(await updatePlace(tx, id, expected, merged))) {
        const now = await findPlace(tx, id)
        if (!now) throw notFound('No place with this id')
        throw staleVersion(now.version)
      }
      const updated = (await findPlace(tx, id))!
      await audit(tx, {
        actor: actorOf(c),
        action: 'place.update',
        target: { kind: 'place', id },
        before: auditSnapshot(current),
        after: auditSnapshot(updated),
      })
      return updated
    })
    return sendPlace(c, row)
  })
  .post('/places/:id/hide', valid('param', placeIdParam), valid('json', hideBody), async (c) => {
    const { id } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    const row = await c.var.db.transaction().execute(async (tx) => {
      const current = await findPlace(tx, id)
      if (!current) throw notFound('No place with this id')
      if (!(await setContentStatus(tx, 'places', id, TRANSITIONS.hide))) {
        throw new ApiError(
          409,
          'wrong_status',
          `Only published places can be hidden (this one is ${current.status})`,
        )
      }
      await audit(tx, {
        actor: actorOf(c),
        action: 'place.hide',
        target: { kind: 'place', id },
        reason,
        before: { status: current.status },
        after: { status: 'hidden' },
      })
      return (await findPlace(tx, id))!
    })
    return sendPlace(c, row)
  })
  .delete('/places/:id', valid('param', placeIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const current = await visiblePlace(c, id)
    assertOwnerOr(c, current.author_id)
    const staff = viewerOf(c).kind === 'moderator'
    // Published content is hidden, never silently destroyed: authors delete only what nobody
    // else has seen yet (pending or rejected); moderators and admins may delete anything.
    if (!staff && !['pending', 'rejected'].includes(current.status)) {
      throw new ApiError(
        409,
        'published_content',
        'This place is public: ask a moderator to hide it, or erase your account',
      )
    }
    await c.var.db.transaction().execute(async (tx) => {
      if (!(await deleteContent(tx, 'places', id))) throw notFound('No place with this id')
      await audit(tx, {
        actor: actorOf(c),
        action: 'place.delete',
        target: { kind: 'place', id },
        before: auditSnapshot(current),
      })
    })
    return c.body(null, 204)
  })
