import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_BASEMAP_STYLE_URL, parseConfig } from '../../api/config.ts'

describe('parseConfig', () => {
  it('defaults to the embedded database in ./data on port 8787 with the online basemap', () => {
    const c = parseConfig({})
    expect(c.port).toBe(8787)
    expect(c.databaseUrl).toBeUndefined()
    expect(c.dataDir).toBe(path.resolve('data'))
    expect(c.basemapStyleUrl).toBe(DEFAULT_BASEMAP_STYLE_URL)
  })

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined()
  })

  it('accepts offline and http(s) basemap styles', () => {
    expect(parseConfig({ BASEMAP_STYLE_URL: 'offline' }).basemapStyleUrl).toBe('offline')
    expect(parseConfig({ BASEMAP_STYLE_URL: 'https://example.org/s.json' }).basemapStyleUrl).toBe(
      'https://example.org/s.json',
    )
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT:/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must start with postgres/],
    [{ BASEMAP_STYLE_URL: 'javascript:alert(1)' }, /^BASEMAP_STYLE_URL:/],
    [{ BASEMAP_STYLE_URL: 'ftp://example.org/s.json' }, /^BASEMAP_STYLE_URL:/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError)
    expect(() => parseConfig(env)).toThrow(message)
  })
})
