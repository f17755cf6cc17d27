// Administration of accounts (admins): list, change a role, erase on request.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { notFound } from '../errors.ts'
import { valid } from '../validate.ts'
import { eraseUser, lastAdminError } from './erasure.ts'
import { toUserJson } from './users.mapper.ts'
import { countUsers, findUserById, listUsers, setRole } from './users.repository.ts'
import { listUsersQuery, patchUserBody, userIdParam } from './users.schema.ts'

export const usersRoutes = new Hono<AppEnv>()
  .get('/users', valid('query', listUsersQuery), async (c) => {
    const q = c.req.valid('query')
    const rows = await listUsers(c.var.db, q)
    c.header('Cache-Control', 'no-store')
    return c.json({ users: rows.map(toUserJson), total: await countUsers(c.var.db, q.role) })
  })
  .patch('/users/:id', valid('param', userIdParam), valid('json', patchUserBody), async (c) => {
    const { id } = c.req.valid('param')
    const { role } = c.req.valid('json')
    const updated = await c.var.db.transaction().execute(async (tx) => {
      const before = await findUserById(tx, id)
      if (!before) throw notFound('No such user')
      if (before.role === role) return before
      if (before.role === 'admin' && (await countUsers(tx, 'admin')) <= 1) throw lastAdminError()
      const after = (await setRole(tx, id, role))!
      await audit(tx, {
        actor: actorOf(c),
        action: 'user.role',
        target: { kind: 'user', id },
        before: { role: before.role },
        after: { role: after.role },
      })
      return after
    })
    return c.json({ user: toUserJson(updated) })
  })
  .delete('/users/:id', valid('param', userIdParam), async (c) => {
    const user = await findUserById(c.var.db, c.req.valid('param').id)
    if (!user) throw notFound('No such user')
    const result = await eraseUser(c.var.db, c.var.contentKinds, user, actorOf(c))
    return c.json({ erased: true, ...result })
  })
