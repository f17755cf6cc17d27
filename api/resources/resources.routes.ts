// /api/resources: the network's services, associations and activities. Created by network
// staff (facilitator, antenna, moderator, admin); read by everyone once published; exported as
// GeoJSON, CSV and HSDS JSON.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr, forbidden } from '../auth/authorize.middleware.ts'
import { ApiError, notFound } from '../errors.ts'
import { etag, expectedVersion, featureCollection, staleVersion } from '../geo/feature-list.ts'
import type { Geometry } from '../geo/guard.ts'
import { guardGeometry } from '../geo/validity.ts'
import { idempotent } from '../idempotency/idempotency.middleware.ts'
import { initialStatus } from '../moderation/publication.ts'
import { TRANSITIONS } from '../moderation/transitions.ts'
import { viewerOf } from '../places/places.routes.ts'
import { hideBody } from '../places/places.schema.ts'
import { toCsv } from '../security/csv.ts'
import { valid } from '../validate.ts'
import { toHsds } from './hsds.ts'
import {
  RESOURCE_CSV_HEADER,
  resourceAuditSnapshot,
  toResourceCsvRow,
  toResourceExportFeature,
  toResourceFeature,
} from './resources.mapper.ts'
import {
  findResource,
  insertResource,
  listResources,
  publishedResources,
  updateResource,
  type ResourceInput,
  type ResourceRow,
} from './resources.repository.ts'
import {
  createResourceBody,
  listResourcesQuery,
  resourceIdParam,
  updateResourceBody,
  type CreateResourceBody,
} from './resources.schema.ts'
import { setContentStatus, deleteContent } from '../moderation/content-rows.ts'

export const RESOURCES_ATTRIBUTION =
  'Risorse della rete — Intrecci contributors; published under ODbL 1.0'

async function visibleResource(c: Context<AppEnv>, id: string): Promise<ResourceRow> {
  const row = await findResource(c.var.db, id)
  const viewer = viewerOf(c)
  const sees =
    row &&
    (row.status === 'published' ||
      viewer.kind === 'moderator' ||
      (viewer.kind === 'user' && row.author_id === viewer.userId))
  if (!row || !sees) throw notFound('No resource with this id')
  return row
}

function send(c: Context<AppEnv>, row: ResourceRow, status: 200 | 201 = 200) {
  c.header('Content-Type', 'application/geo+json')
  c.header('ETag', etag(row.version))
  c.header('Cache-Control', 'no-store')
  return c.body(JSON.stringify(toResourceFeature(row, c.var.user?.id ?? null)), status)
}

async function guarded(
  c: Context<AppEnv>,
  geometry: { type: 'Point'; coordinates: [number, number] },
  area: Geometry | null,
) {
  const territory = c.var.config.territoryBbox
  return {
    geometry: await guardGeometry(c.var.db, geometry, { territory }),
    serviceArea: area
      ? await guardGeometry(c.var.db, area, { territory, field: 'serviceArea' })
      : null,
  }
}

function input(
  b: Partial<CreateResourceBody>,
  current?: ResourceRow,
): Omit<ResourceInput, 'geometry' | 'serviceArea'> {
  const pick = <T>(v: T | undefined, fallback: T) => (v === undefined ? fallback : v)
  return {
    name: b.name ?? current!.name,
    description: pick(b.description, current?.description ?? null),
    themes: b.themes ?? current!.themes,
    organization: pick(b.organization, current?.organization_name ?? null),
    email: pick(b.email, current?.email ?? null),
    phone: pick(b.phone, current?.phone ?? null),
    url: pick(b.url, current?.url ?? null),
    schedule: b.schedule ?? current?.schedule ?? [],
    eligibilityDescription: pick(
      b.eligibilityDescription,
      current?.eligibility_description ?? null,
    ),
    languages: b.languages ?? current?.languages ?? [],
    accessibility: pick(b.accessibility, current?.accessibility ?? null),
    address: pick(b.address, current?.address ?? null),
    assuredDate: pick(b.assuredDate, current?.assured_date ?? null),
  }
}

export const resourcesRoutes = new Hono<AppEnv>()
  .get('/resources/export.geojson', async (c) => {
    const rows = await publishedResources(c.var.db)
    c.header('Content-Type', 'application/geo+json')
    c.header('Content-Disposition', 'attachment; filename="intrecci-risorse.geojson"')
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        attribution: RESOURCES_ATTRIBUTION,
        timeStamp: new Date().toISOString(),
        features: rows.map(toResourceExportFeature),
      }),
    )
  })
  .get('/resources/export.csv', async (c) => {
    const rows = await publishedResources(c.var.db)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="intrecci-risorse.csv"')
    return c.body(toCsv(RESOURCE_CSV_HEADER, rows.map(toResourceCsvRow)))
  })
  .get('/resources/export.hsds.json', async (c) => {
    const rows = await publishedResources(c.var.db)
    c.header('Content-Disposition', 'attachment; filename="intrecci-risorse.hsds.json"')
    return c.json(toHsds(rows))
  })
  .get('/resources', valid('query', listResourcesQuery), async (c) => {
    const q = c.req.valid('query')
    const viewer = viewerOf(c)
    if (q.status && q.status !== 'published' && viewer.kind === 'visitor') {
      throw forbidden('Only published resources are visible without signing in')
    }
    const page = await listResources(c.var.db, { ...q, viewer })
    const me = c.var.user?.id ?? null
    return featureCollection(
      c,
      page.rows.map((r) => toResourceFeature(r, me)),
      page,
    )
  })
  .get('/resources/:id', valid('param', resourceIdParam), async (c) =>
    send(c, await visibleResource(c, c.req.valid('param').id)),
  )
  .post('/resources', idempotent, valid('json', createResourceBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.var.user!
    const geo = await guarded(c, body.geometry, body.serviceArea ?? null)
    const row = await c.var.db.transaction().execute(async (tx) => {
      const status = await initialStatus(tx, user)
      const id = await insertResource(tx, { ...input(body), ...geo, status, authorId: user.id })
      const created = (await findResource(tx, id))!
      await audit(tx, {
        actor: actorOf(c),
        action: 'resource.create',
        target: { kind: 'resource', id },
        after: resourceAuditSnapshot(created),
      })
      return created
    })
    c.header('Location', `/api/resources/${row.id}`)
    return send(c, row, 201)
  })
  .patch(
    '/resources/:id',
    valid('param', resourceIdParam),
    valid('json', updateResourceBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const change = c.req.valid('json')
      const expected = expectedVersion(c)
      const current = await visibleResource(c, id)
      assertOwnerOr(c, current.author_id)
      if (current.version !== expected) throw staleVersion(current.version)
      const geo = await guarded(
        c,
        change.geometry ?? current.geometry,
        change.serviceArea === undefined ? current.service_area : change.serviceArea,
      )
      const row = await c.var.db.transaction().execute(async (tx) => {
        if (!(await updateResource(tx, id, expected, { ...input(change, current), ...geo }))) {
          const now = await findResource(tx, id)
          if (!now) throw notFound('No resource with this id')
          throw staleVersion(now.version)
        }
        const updated = (await findResource(tx, id))!
        await audit(tx, {
          actor: actorOf(c),
          action: 'resource.update',
          target: { kind: 'resource', id },
          before: resourceAuditSnapshot(current),
          after: resourceAuditSnapshot(updated),
        })
        return updated
      })
      return send(c, row)
    },
  )
  .post(
    '/resources/:id/hide',
    valid('param', resourceIdParam),
    valid('json', hideBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      const row = await c.var.db.transaction().execute(async (tx) => {
        const current = await findResource(tx, id)
        if (!current) throw notFound('No resource with this id')
        if (!(await setContentStatus(tx, 'resources', id, TRANSITIONS.hide))) {
          throw new ApiError(
            409,
            'wrong_status',
            `Only published resources can be hidden (this one is ${current.status})`,
          )
        }
        await audit(tx, {
          actor: actorOf(c),
          action: 'resource.hide',
          target: { kind: 'resource', id },
          reason,
          before: { status: current.status },
          after: { status: 'hidden' },
        })
        return (await findResource(tx, id))!
      })
      return send(c, row)
    },
  )
  .delete('/resources/:id', valid('param', resourceIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const current = await visibleResource(c, id)
    assertOwnerOr(c, current.author_id)
    if (viewerOf(c).kind !== 'moderator' && !['pending', 'rejected'].includes(current.status)) {
      throw new ApiError(
        409,
        'published_content',
        'This resource is public: ask a moderator to hide it',
      )
    }
    await c.var.db.transaction().execute(async (tx) => {
      if (!(await deleteContent(tx, 'resources', id))) throw notFound('No resource with this id')
      await audit(tx, {
        actor: actorOf(c),
        action: 'resource.delete',
        target: { kind: 'resource', id },
        before: resourceAuditSnapshot(current),
      })
    })
    return c.body(null, 204)
  })
