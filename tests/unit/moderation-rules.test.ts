import { describe, expect, it } from 'vitest'
import { mayActOnAny, mayCall, type RouteRule } from '../../api/auth/policy.ts'
import { ROLES } from '../../api/auth/roles.ts'
import { invitationStatus, mayInvite } from '../../api/invitations/invitation-rules.ts'
import {
  contributorFields,
  isHoneypotFilled,
  requirePseudonym,
} from '../../api/moderation/anonymous.ts'
import { ContentKinds, type ContentKind } from '../../api/moderation/content-kinds.ts'
import { canApply, TRANSITIONS } from '../../api/moderation/transitions.ts'
import { z } from 'zod'

describe('moderation transitions', () => {
  it.each([
    ['approve', 'pending', true],
    ['approve', 'hidden', true],
    ['approve', 'published', false],
    ['approve', 'rejected', false],
    ['reject', 'pending', true],
    ['reject', 'hidden', true],
    ['reject', 'published', false],
    ['hide', 'published', true],
    ['hide', 'pending', false],
    ['restore', 'hidden', true],
    ['restore', 'rejected', true],
    ['restore', 'pending', false],
  ] as const)('%s from %s: %s', (action, status, ok) => {
    expect(canApply(action, status)).toBe(ok)
  })

  it('needs a reason to reject and to hide only', () => {
    expect(
      Object.entries(TRANSITIONS)
        .filter(([, t]) => t.needsReason)
        .map(([a]) => a),
    ).toEqual(['reject', 'hide'])
  })
})

describe('who may invite whom', () => {
  it('lets admins invite every role and facilitators residents only', () => {
    for (const role of ROLES) {
      expect(mayInvite('admin', role)).toBe(true)
      expect(mayInvite('facilitator', role)).toBe(role === 'resident')
      for (const other of ['resident', 'antenna', 'planner', 'moderator'] as const) {
        expect(mayInvite(other, role)).toBe(false)
      }
    }
  })

  it('tells an invitation’s status, used and revoked first', () => {
    const now = new Date('2026-01-10T12:00:00Z')
    const past = new Date('2026-01-01T00:00:00Z')
    const future = new Date('2026-02-01T00:00:00Z')
    const base = { accepted_at: null, revoked_at: null, expires_at: future }
    expect(invitationStatus(base, now)).toBe('pending')
    expect(invitationStatus({ ...base, expires_at: past }, now)).toBe('expired')
    expect(invitationStatus({ ...base, revoked_at: past, expires_at: past }, now)).toBe('revoked')
    expect(invitationStatus({ ...base, accepted_at: past, expires_at: past }, now)).toBe('accepted')
  })
})

describe('policy helpers', () => {
  const rule: RouteRule = { roles: ['facilitator', 'admin'], anyOwner: ['admin'] }
  it('allow callers by role and others’ objects by anyOwner', () => {
    expect(mayCall(rule, 'visitor')).toBe(false)
    expect(mayCall(rule, 'resident')).toBe(false)
    expect(mayCall(rule, 'facilitator')).toBe(true)
    expect(mayActOnAny(rule, 'facilitator')).toBe(false)
    expect(mayActOnAny(rule, 'admin')).toBe(true)
    expect(mayCall({ roles: 'signed-in' }, 'visitor')).toBe(false)
    expect(mayCall({ roles: 'signed-in' }, 'planner')).toBe(true)
    expect(mayCall({ roles: 'public' }, 'visitor')).toBe(true)
  })
})

describe('anonymous contributions', () => {
  const schema = z.object({ text: z.string(), ...contributorFields })

  it('spot a filled honeypot', () => {
    expect(isHoneypotFilled(schema.parse({ text: 'x', website: 'http://spam.example' }))).toBe(true)
    expect(isHoneypotFilled(schema.parse({ text: 'x', website: '  ' }))).toBe(false)
    expect(isHoneypotFilled(schema.parse({ text: 'x' }))).toBe(false)
  })

  it('need a pseudonym from visitors only', () => {
    expect(() => requirePseudonym(null, undefined)).toThrow(/pseudonym/)
    expect(requirePseudonym(null, 'Ape operosa')).toBe('Ape operosa')
    const user = { id: 'u', role: 'resident' as const, email: 'e@x.org', displayName: 'E' }
    expect(requirePseudonym(user, undefined)).toBeNull()
  })

  it('refuse control characters in pseudonyms', () => {
    expect(schema.safeParse({ text: 'x', pseudonym: 'a\u0000b' }).success).toBe(false)
  })
})

describe('ContentKinds', () => {
  const kind = { kind: 'place' } as ContentKind
  it('refuses a kind registered twice or badly named', () => {
    expect(() => new ContentKinds([kind, kind])).toThrow(/twice/)
    expect(() => new ContentKinds([{ kind: 'Place!' } as ContentKind])).toThrow(/bad content kind/)
  })
})
