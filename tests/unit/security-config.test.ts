import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../api/config.ts'

describe('security settings', () => {
  it('default to closed CORS, no trusted proxy, automatic Secure cookies, 30-day sessions', () => {
    const c = parseConfig({})
    expect(c.corsOrigins).toEqual([])
    expect(c.trustedProxies).toEqual([])
    expect(c.cookieSecure).toBe('auto')
    expect(c.sessionIdleDays).toBe(30)
    expect(c.selfRegistration).toBe(true)
    expect(c.rateLimits).toEqual({ anonWrites: 30, userWrites: 120, clientWrites: 600 })
  })

  it('parse lists of origins and proxies', () => {
    const c = parseConfig({
      CORS_ORIGINS: 'https://comune.example, http://localhost:5173/',
      TRUSTED_PROXY: '10.0.0.0/8, ::1',
    })
    expect(c.corsOrigins).toEqual(['https://comune.example', 'http://localhost:5173'])
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '::1'])
  })

  it.each([
    [{ CORS_ORIGINS: '*' }, /^CORS_ORIGINS:/],
    [{ CORS_ORIGINS: 'https://a.example/path' }, /^CORS_ORIGINS:/],
    [{ TRUSTED_PROXY: 'proxy.local' }, /^TRUSTED_PROXY:/],
    [{ TRUSTED_PROXY: '10.0.0.0/33' }, /^TRUSTED_PROXY:/],
    [{ COOKIE_SECURE: 'yes' }, /^COOKIE_SECURE:/],
    [{ SESSION_IDLE_DAYS: '0' }, /^SESSION_IDLE_DAYS:/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError)
    expect(() => parseConfig(env)).toThrow(message)
  })
})
