// /api/signals: need signals. Antennas create theirs and read, edit and delete only their own;
// admins all (api/auth/policy.ts). Exact points go to these callers only; everyone else reads
// GET /api/signals/aggregate (counts per area or hexagon, small counts suppressed).
// Someone else's signal answers exactly like a missing one (404), so ids reveal nothing.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { seesAny } from '../auth/authorize.middleware.ts'
import { ApiError, badRequest, notFound } from '../errors.ts'
import { guardGeometry } from '../geo/validity.ts'
import { valid } from '../validate.ts'
import { aggregateRoute } from './aggregate.route.ts'
import { toSignalAudit, toSignalFeature } from './signals.mapper.ts'
import {
  countSignals,
  deleteSignal,
  findSignal,
  insertSignal,
  listSignals,
  updateSignal,
  type Owner,
  type SignalRecord,
} from './signals.repository.ts'
import {
  createSignalBody,
  listSignalsQuery,
  patchSignalBody,
  signalIdParam,
} from './signals.schema.ts'

const missing = () => notFound('No signal with this id')
const outsideTerritory = () =>
  new ApiError(422, 'invalid_geometry', 'geometry: outside the municipalities of the territory', [
    { field: 'geometry', message: 'outside the municipalities of the territory' },
  ])

function owner(c: Context<AppEnv>): Owner {
  return seesAny(c) ? null : c.var.user!.id
}

function geoJson(c: Context<AppEnv>, body: unknown, status: 200 | 201 = 200) {
  c.header('Content-Type', 'application/geo+json')
  c.header('Cache-Control', 'private, no-store')
  return c.body(JSON.stringify(body), status)
}

function withEtag(c: Context<AppEnv>, r: SignalRecord) {
  c.header('ETag', `"${r.version}"`)
  return toSignalFeature(r)
}

/** If-Match: "3", W/"3" or 3 → 3. */
function ifMatchVersion(c: Context<AppEnv>): number {
  const header = c.req.header('If-Match')
  if (!header) {
    throw new ApiError(428, 'precondition_required', 'Send If-Match with the version you edited')
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())
  if (!m) throw badRequest('If-Match: expected the signal version, e.g. "3"')
  return Number(m[1])
}

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined
  const [createdKey, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (!createdKey || !id || Number.isNaN(Date.parse(createdKey)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw badRequest('cursor: not a cursor this API gave')
  }
  return { createdKey, id }
}

export const signalsRoutes = new Hono<AppEnv>()
  // Before /signals/:id, which would otherwise take "aggregate" as an id.
  .route('/', aggregateRoute)
  .post('/signals', valid('json', createSignalBody), async (c) => {
    const input = c.req.valid('json')
    const clientKey = c.req.header('Idempotency-Key') ?? null
    if (clientKey !== null && (clientKey.length < 1 || clientKey.length > 128)) {
      throw badRequest('Idempotency-Key: 1 to 128 characters')
    }
    const geometry = await guardGeometry(c.var.db, input.geometry, {
      territory: c.var.config.territoryBbox,
    })
    const user = c.var.user!
    const { row, created } = await c.var.db.transaction().execute(async (tx) => {
      const { id, created } = await insertSignal(tx, {
        theme: input.theme,
        severity: input.severity,
        note: input.note ?? null,
        observedOn: input.observedOn,
        geometry,
        authorId: user.id,
        clientKey,
      })
      const row = (await findSignal(tx, id, user.id))!
      if (created) {
        if (row.municipality_id === null) throw outsideTerritory()
        await audit(tx, {
          actor: actorOf(c),
          action: 'need_signal.create',
          target: { kind: 'need_signal', id },
          after: toSignalAudit(row),
        })
      }
      return { row, created }
    })
    if (created) c.header('Location', `/api/signals/${row.id}`)
    return geoJson(c, withEtag(c, row), created ? 201 : 200)
  })
  .get('/signals', valid('query', listSignalsQuery), async (c) => {
    const q = c.req.valid('query')
    const filter = { owner: owner(c), theme: q.theme }
    const [rows, matched] = await Promise.all([
      listSignals(c.var.db, { ...filter, limit: q.limit, after: decodeCursor(q.cursor) }),
      countSignals(c.var.db, filter),
    ])
    const last = rows.at(-1)
    const self = new URL(c.req.url)
    const links = [{ rel: 'self', type: 'application/geo+json', href: self.pathname + self.search }]
    if (last && rows.length === q.limit) {
      const next = new URL(self)
      next.searchParams.set(
        'cursor',
        Buffer.from(`${last.created_key}|${last.id}`).toString('base64url'),
      )
      links.push({ rel: 'next', type: 'application/geo+json', href: next.pathname + next.search })
    }
    return geoJson(c, {
      type: 'FeatureCollection',
      numberMatched: matched,
      numberReturned: rows.length,
      features: rows.map(toSignalFeature),
      links,
    })
  })
  .get('/signals/:id', valid('param', signalIdParam), async (c) => {
    const row = await findSignal(c.var.db, c.req.valid('param').id, owner(c))
    if (!row) throw missing()
    return geoJson(c, withEtag(c, row))
  })
  .patch(
    '/signals/:id',
    valid('param', signalIdParam),
    valid('json', patchSignalBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const version = ifMatchVersion(c)
      const scope = owner(c)
      const geometry = input.geometry
        ? await guardGeometry(c.var.db, input.geometry, { territory: c.var.config.territoryBbox })
        : undefined
      const row = await c.var.db.transaction().execute(async (tx) => {
        const before = await findSignal(tx, id, scope)
        if (!before) throw missing()
        const changed = await updateSignal(tx, {
          id,
          owner: scope,
          version,
          changes: { ...input, geometry },
        })
        if (!changed) {
          throw new ApiError(412, 'stale', 'The signal changed since you read it: reload it', {
            version: before.version,
          })
        }
        const after = (await findSignal(tx, id, scope))!
        if (after.municipality_id === null) throw outsideTerritory()
        await audit(tx, {
          actor: actorOf(c),
          action: 'need_signal.update',
          target: { kind: 'need_signal', id },
          before: toSignalAudit(before),
          after: toSignalAudit(after),
        })
        return after
      })
      return geoJson(c, withEtag(c, row))
    },
  )
  .delete('/signals/:id', valid('param', signalIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const scope = owner(c)
    await c.var.db.transaction().execute(async (tx) => {
      const before = await findSignal(tx, id, scope)
      if (!before || !(await deleteSignal(tx, id, scope))) throw missing()
      await audit(tx, {
        actor: actorOf(c),
        action: 'need_signal.delete',
        target: { kind: 'need_signal', id },
        before: toSignalAudit(before),
      })
    })
    return c.body(null, 204)
  })
