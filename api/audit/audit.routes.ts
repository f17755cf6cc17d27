// GET /api/audit (admins): the audit log, newest first, filterable, with a `next` cursor.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { valid } from '../validate.ts'
import { listAudit, toAuditJson } from './audit.repository.ts'

const auditQuery = z.object({
  actor: z.uuid().optional(),
  targetKind: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const auditRoutes = new Hono<AppEnv>().get(
  '/audit',
  valid('query', auditQuery),
  async (c) => {
    const q = c.req.valid('query')
    const rows = await listAudit(c.var.db, { ...q, actorId: q.actor })
    const last = rows.at(-1)
    let next: string | null = null
    if (rows.length === q.limit && last) {
      const params = new URL(c.req.url).searchParams
      params.set('before', last.id)
      next = `/api/audit?${params}`
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ entries: rows.map(toAuditJson), next })
  },
)
