import { describe, expect, it } from 'vitest'
import { DEFAULT_BASEMAP_STYLE_URL, parseConfig } from '../../api/config.ts'
import { cspDirectives, cspHeader } from '../../api/security/csp.ts'

const csp = (env: Record<string, string>) => cspHeader(cspDirectives(parseConfig(env)))

describe('the Content-Security-Policy', () => {
  it('allows only the app itself when the basemap is offline', () => {
    const header = csp({ BASEMAP_STYLE_URL: 'offline' })
    expect(header).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "worker-src 'self' blob:",
        "child-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
  })

  it('adds the default online style and its tile host', () => {
    const d = cspDirectives(parseConfig({ BASEMAP_STYLE_URL: DEFAULT_BASEMAP_STYLE_URL }))
    expect(d.connectSrc).toEqual(["'self'", 'https://tiles.openfreemap.org'])
    expect(d.imgSrc).toContain('https://tiles.openfreemap.org')
  })

  it('adds the origin of another style, and BASEMAP_ORIGINS', () => {
    const d = cspDirectives(
      parseConfig({
        BASEMAP_STYLE_URL: 'https://maps.example.org/style.json?key=abc',
        BASEMAP_ORIGINS: 'https://tiles.example.net',
      }),
    )
    expect(d.connectSrc).toEqual([
      "'self'",
      'https://maps.example.org',
      'https://tiles.example.net',
    ])
    expect(d.connectSrc!.join(' ')).not.toContain('key=abc')
  })

  it('never allows inline or evaluated scripts', () => {
    for (const env of [{ BASEMAP_STYLE_URL: 'offline' }, {}] as Record<string, string>[]) {
      const header = csp(env)
      expect(header).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
      expect(header).not.toMatch(/\*/)
    }
  })
})
