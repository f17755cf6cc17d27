// The moderation queue and actions (moderators and admins), and the moderation settings.
// Every action writes one audit row with the status before and after and the reason.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { ApiError, notFound } from '../errors.ts'
import { valid } from '../validate.ts'
import type { ContentKind } from './content-kinds.ts'
import { actionBody, itemParam, queueQuery, settingsBody } from './moderation.schema.ts'
import { buildQueue } from './queue.ts'
import { resolveReports } from './reports.repository.ts'
import { getModerationSettings, putModerationSettings } from './settings.repository.ts'
import { ACTIONS, canApply, TRANSITIONS, type ModerationAction } from './transitions.ts'

export function kindOf(c: Context<AppEnv>, name: string): ContentKind {
  const kind = c.var.contentKinds.get(name)
  if (!kind) throw notFound(`No content kind "${name}"`)
  return kind
}

const routes = new Hono<AppEnv>()
  .get('/moderation/queue', valid('query', queueQuery), async (c) => {
    const q = c.req.valid('query')
    if (q.kind) kindOf(c, q.kind)
    const entries = await buildQueue(c.var.db, c.var.contentKinds, {
      kind: q.kind,
      before: q.before ? new Date(q.before) : undefined,
      limit: q.limit,
    })
    const last = entries.at(-1)
    const next = new URLSearchParams({ limit: String(q.limit) })
    if (q.kind) next.set('kind', q.kind)
    if (last) next.set('before', last.at.toISOString())
    c.header('Cache-Control', 'no-store')
    return c.json({
      items: entries,
      next: entries.length === q.limit ? `/api/moderation/queue?${next}` : null,
    })
  })
  .get('/moderation/settings', async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await getModerationSettings(c.var.db))
  })
  .put('/moderation/settings', valid('json', settingsBody), async (c) => {
    const value = c.req.valid('json')
    await c.var.db.transaction().execute(async (tx) => {
      const before = await getModerationSettings(tx)
      await putModerationSettings(tx, value)
      await audit(tx, {
        actor: actorOf(c),
        action: 'settings.update',
        target: { kind: 'settings', id: 'moderation' },
        before,
        after: value,
      })
    })
    return c.json(value)
  })

// One route per action, so the authorisation table names each.
for (const action of ACTIONS) {
  routes.post(
    `/moderation/:kind/:id/${action}`,
    valid('param', itemParam),
    valid('json', actionBody),
    (c) => moderate(c, action, c.req.valid('param'), c.req.valid('json').reason ?? null),
  )
}

async function moderate(
  c: Context<AppEnv>,
  action: ModerationAction,
  item: { kind: string; id: string },
  reason: string | null,
) {
  const kind = kindOf(c, item.kind)
  const t = TRANSITIONS[action]
  if (t.needsReason && !reason) {
    throw new ApiError(400, 'invalid_input', 'reason: required to ' + action, [
      { field: 'reason', message: `required to ${action}` },
    ])
  }
  const result = await c.var.db.transaction().execute(async (tx) => {
    const status = await kind.getStatus(tx, item.id)
    if (!status) throw notFound(`No ${item.kind} with this id`)
    if (!canApply(action, status)) {
      throw new ApiError(409, 'invalid_transition', `Cannot ${action} an item that is ${status}`, {
        status,
        action,
      })
    }
    // Conditional on the status just read: a moderator acting at the same moment gets 409.
    if (!(await kind.setStatus(tx, item.id, { from: [status], to: t.to }))) {
      throw new ApiError(409, 'conflict', 'The item changed meanwhile: reload the queue')
    }
    await resolveReports(tx, item.kind, item.id)
    await audit(tx, {
      actor: actorOf(c),
      action: `moderation.${action}`,
      target: { kind: item.kind, id: item.id },
      reason,
      before: { status },
      after: { status: t.to },
    })
    return { kind: item.kind, id: item.id, status: t.to }
  })
  return c.json(result)
}

export const moderationRoutes = routes
