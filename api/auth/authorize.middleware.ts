// Enforces POLICY (policy.ts) for every request: finds the route that will answer, then
// 401 for visitors and 403 for roles the route does not allow. Mounted for the whole app.
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../errors.ts'
import { mayActOnAny, mayCall, ruleFor, type RouteRule } from './policy.ts'
import { resolveSession } from './session.middleware.ts'

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to do this')
export const forbidden = (message = 'Your role does not allow this') =>
  new ApiError(403, 'forbidden', message)

/**
 * The endpoint a request reaches: the first matched route registered for a method (handlers and
 * their validators); `use()` middleware and catch-alls are registered for ALL and are skipped.
 * Undefined when only catch-alls match (they answer 404).
 */
export function endpointKey(c: Context): string | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL')
  return route ? `${route.method} ${route.path}` : undefined
}

export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = endpointKey(c)
  if (key === undefined) return next()
  const rule = ruleFor(key)
  if (!rule) {
    console.error(`[authz] route "${key}" is not in api/auth/policy.ts: refused`)
    throw new ApiError(500, 'unclassified_route', 'This route has no authorisation rule')
  }
  c.set('routeRule', rule)
  if (rule.roles === 'public') return next()
  await resolveSession(c)
  const user = c.var.user
  if (!user) throw unauthenticated()
  if (!mayCall(rule, user.role)) throw forbidden()
  return next()
}

/**
 * For handlers acting on one object: passes when the caller owns it or the route's rule lets
 * the caller's role act on anyone's (POLICY's anyOwner).
 */
export function assertOwnerOr(c: Context<AppEnv>, ownerId: string | null) {
  const user = c.var.user
  const rule: RouteRule | undefined = c.var.routeRule
  if (!user || !rule) throw unauthenticated()
  if (ownerId !== null && ownerId === user.id) return
  if (!mayActOnAny(rule, user.role)) throw forbidden('You can only do this on your own items')
}

/** Whether the caller may see everyone's objects on a list route (or only their own). */
export function seesAny(c: Context<AppEnv>): boolean {
  const user = c.var.user
  return !!user && !!c.var.routeRule && mayActOnAny(c.var.routeRule, user.role)
}
