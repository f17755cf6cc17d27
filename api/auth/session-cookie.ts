// The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
// POSTs), Secure when the request came over https or COOKIE_SECURE=on, Path=/ so tiles and
// exports see it too.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { isHttps } from '../security/client-address.ts'
import { TOKEN_PATTERN } from './tokens.ts'

export const SESSION_COOKIE = 'intrecci_session'

function secure(c: Context<AppEnv>): boolean {
  const mode = c.var.config.cookieSecure
  return mode === 'on' || (mode === 'auto' && isHttps(c))
}

/** The session token from the cookie, if it has the shape of one. */
export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  const value = getCookie(c, SESSION_COOKIE)
  return value && TOKEN_PATTERN.test(value) ? value : undefined
}

export function hasSessionCookie(c: Context<AppEnv>): boolean {
  return getCookie(c, SESSION_COOKIE) !== undefined
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  })
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c) })
}
