// POST /api/reports ("segnala"): anyone may report a published item once — people signed in
// by account, visitors by client address (kept only as an HMAC). When REPORTS_TO_HIDE distinct
// reporters have open reports on it, the item is hidden until a moderator reviews it.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit, SYSTEM } from '../audit/audit.ts'
import { ApiError, notFound } from '../errors.ts'
import { clientAddress } from '../security/client-address.ts'
import { isUniqueViolation } from '../users/users.repository.ts'
import { valid } from '../validate.ts'
import { reportBody } from './moderation.schema.ts'
import { kindOf } from './moderation.routes.ts'
import { addReport, countOpenReporters, reporterKey } from './reports.repository.ts'
import { clientKey } from './settings.repository.ts'
import { REPORTS_TO_HIDE } from './transitions.ts'

export const reportsRoutes = new Hono<AppEnv>().post(
  '/reports',
  valid('json', reportBody),
  async (c) => {
    const body = c.req.valid('json')
    const kind = kindOf(c, body.kind)
    const db = c.var.db
    const user = c.var.user
    const key = user
      ? reporterKey({ userId: user.id })
      : reporterKey({ address: clientAddress(c), key: await clientKey(db) })
    const status = await db
      .transaction()
      .execute(async (tx) => {
        const current = await kind.getStatus(tx, body.id)
        // Only what the public can see can be reported.
        if (current !== 'published') throw notFound(`No ${body.kind} with this id`)
        await addReport(tx, {
          kind: body.kind,
          itemId: body.id,
          reporterKey: key,
          reporterId: user?.id ?? null,
          reason: body.reason,
        })
        await audit(tx, {
          actor: actorOf(c),
          action: 'report.create',
          target: { kind: body.kind, id: body.id },
          reason: body.reason,
        })
        const reporters = await countOpenReporters(tx, body.kind, body.id)
        if (reporters < REPORTS_TO_HIDE) return current
        const hidden = await kind.setStatus(tx, body.id, { from: ['published'], to: 'hidden' })
        if (hidden) {
          await audit(tx, {
            actor: SYSTEM,
            action: 'moderation.auto_hide',
            target: { kind: body.kind, id: body.id },
            reason: `${reporters} reports`,
            before: { status: 'published' },
            after: { status: 'hidden' },
          })
        }
        return hidden ? 'hidden' : current
      })
      .catch((err: unknown) => {
        if (!isUniqueViolation(err)) throw err
        throw new ApiError(409, 'already_reported', 'You have already reported this item')
      })
    return c.json({ report: { kind: body.kind, id: body.id }, itemStatus: status }, 201)
  },
)
