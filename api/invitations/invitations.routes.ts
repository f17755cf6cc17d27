// Invitation links: created by facilitators and admins, bound to a role, usable once.
// The token appears once, in the answer to POST; the link is `/invito/<token>`.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, audit } from '../audit/audit.ts'
import { assertOwnerOr, forbidden, seesAny } from '../auth/authorize.middleware.ts'
import { hashPassword } from '../auth/passwords.ts'
import { emailTakenError, meJsonFromRow, signIn } from '../auth/sign-in.ts'
import { TOKEN_PATTERN } from '../auth/tokens.ts'
import { ApiError, notFound } from '../errors.ts'
import { createUser, emailTaken, isUniqueViolation } from '../users/users.repository.ts'
import { valid } from '../validate.ts'
import { invitationStatus, mayInvite, type InvitationStatus } from './invitation-rules.ts'
import { toInvitationJson } from './invitations.mapper.ts'
import {
  consumeInvitation,
  createInvitation,
  findInvitation,
  findInvitationByToken,
  listInvitations,
  revokeInvitation,
  type InvitationRecord,
} from './invitations.repository.ts'
import {
  acceptBody,
  createInvitationBody,
  invitationIdParam,
  listInvitationsQuery,
  tokenParam,
} from './invitations.schema.ts'

const DAY_MS = 24 * 60 * 60 * 1000

const GONE: Record<Exclude<InvitationStatus, 'pending'>, [string, string]> = {
  accepted: ['invitation_used', 'This invitation has already been used'],
  revoked: ['invitation_revoked', 'This invitation was revoked'],
  expired: ['invitation_expired', 'This invitation has expired'],
}

/** A usable invitation for the token, or 404 (unknown) / 410 (used, revoked, expired). */
async function usableInvitation(db: AppEnv['Variables']['db'], token: string) {
  const row = TOKEN_PATTERN.test(token) ? await findInvitationByToken(db, token) : undefined
  if (!row) throw notFound('No such invitation')
  assertUsable(row)
  return row
}

function assertUsable(row: InvitationRecord) {
  const status = invitationStatus(row, new Date())
  if (status !== 'pending') {
    const [code, message] = GONE[status]
    throw new ApiError(410, code, message)
  }
}

export const invitationsRoutes = new Hono<AppEnv>()
  .post('/invitations', valid('json', createInvitationBody), async (c) => {
    const body = c.req.valid('json')
    const user = c.var.user!
    if (!mayInvite(user.role, body.role)) {
      throw forbidden(`Your role cannot invite a ${body.role}`)
    }
    const { row, token } = await c.var.db.transaction().execute(async (tx) => {
      const created = await createInvitation(tx, {
        role: body.role,
        email: body.email ?? null,
        createdBy: user.id,
        expiresAt: new Date(Date.now() + body.expiresInDays * DAY_MS),
      })
      await audit(tx, {
        actor: actorOf(c),
        action: 'invitation.create',
        target: { kind: 'invitation', id: created.row.id },
        // Never the invitee's email: the audit log outlives erasure.
        after: {
          role: created.row.role,
          emailBound: created.row.email !== null,
          expiresAt: created.row.expires_at,
        },
      })
      return created
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ invitation: toInvitationJson(row), token, path: `/invito/${token}` }, 201)
  })
  .get('/invitations', valid('query', listInvitationsQuery), async (c) => {
    const { status } = c.req.valid('query')
    const createdBy = seesAny(c) ? undefined : c.var.user!.id
    const now = new Date()
    const rows = await listInvitations(c.var.db, { createdBy })
    const items = rows.map((r) => toInvitationJson(r, now))
    c.header('Cache-Control', 'no-store')
    return c.json({ invitations: status ? items.filter((i) => i.status === status) : items })
  })
  .delete('/invitations/:id', valid('param', invitationIdParam), async (c) => {
    const { id } = c.req.valid('param')
    const db = c.var.db
    const row = await findInvitation(db, id)
    if (!row) throw notFound('No such invitation')
    assertOwnerOr(c, row.created_by)
    if (row.accepted_at) {
      throw new ApiError(409, 'invitation_used', 'This invitation has already been used')
    }
    await db.transaction().execute(async (tx) => {
      const revoked = await revokeInvitation(tx, id)
      if (!revoked) return // already revoked: nothing changes, nothing to record
      await audit(tx, {
        actor: actorOf(c),
        action: 'invitation.revoke',
        target: { kind: 'invitation', id },
        before: { status: invitationStatus(row, new Date()) },
        after: { status: 'revoked' },
      })
    })
    return c.body(null, 204)
  })
  .get('/invitations/:token', valid('param', tokenParam), async (c) => {
    const row = await usableInvitation(c.var.db, c.req.valid('param').token)
    c.header('Cache-Control', 'no-store')
    return c.json({ invitation: { role: row.role, email: row.email, expiresAt: row.expires_at } })
  })
  .post(
    '/invitations/:token/accept',
    valid('param', tokenParam),
    valid('json', acceptBody),
    async (c) => {
      const db = c.var.db
      const invitation = await usableInvitation(db, c.req.valid('param').token)
      const body = c.req.valid('json')
      if (invitation.email !== null && invitation.email !== body.email) {
        throw new ApiError(
          403,
          'invitation_email_mismatch',
          'This invitation is for another email',
          [{ field: 'email', message: 'not the invited address' }],
        )
      }
      if (await emailTaken(db, body.email)) throw emailTakenError()
      const passwordHash = await hashPassword(body.password)
      const user = await db
        .transaction()
        .execute(async (tx) => {
          const u = await createUser(tx, { ...body, passwordHash, role: invitation.role })
          // Re-checked in the same statement that marks it used: two accepts cannot both win.
          const consumed = await consumeInvitation(tx, invitation.id, u.id)
          if (!consumed) throw new ApiError(410, ...GONE.accepted)
          await audit(tx, {
            actor: { id: u.id, role: 'visitor' },
            action: 'user.create',
            target: { kind: 'user', id: u.id },
            after: { role: u.role, invitationId: invitation.id },
          })
          return u
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? emailTakenError() : err
        })
      await signIn(c, user.id)
      c.header('Cache-Control', 'no-store')
      return c.json(
        {
          user: meJsonFromRow(user),
        },
        201,
      )
    },
  )
