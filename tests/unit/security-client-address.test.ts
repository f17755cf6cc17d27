import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../../api/app-env.ts'
import {
  clientAddress,
  isHttps,
  requestOrigin,
  trustedProxyList,
  UNKNOWN_ADDRESS,
} from '../../api/security/client-address.ts'

function probe(trusted: string[]) {
  const list = trustedProxyList(trusted)
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('trustedProxies', list)
      await next()
    })
    .get('/', (c) =>
      c.json({ address: clientAddress(c), https: isHttps(c), origin: requestOrigin(c) }),
    )
}

async function ask(
  trusted: string[],
  socket: string | undefined,
  headers: Record<string, string> = {},
) {
  const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined
  const res = await probe(trusted).request('http://intrecci.local/', { headers }, env)
  return (await res.json()) as { address: string; https: boolean; origin: string }
}

describe('clientAddress', () => {
  it('is the socket address, whatever X-Forwarded-For says, with no trusted proxy', async () => {
    const r = await ask([], '198.51.100.7', { 'x-forwarded-for': '1.2.3.4' })
    expect(r.address).toBe('198.51.100.7')
  })

  it('unwraps IPv4-mapped IPv6 socket addresses', async () => {
    expect((await ask([], '::ffff:198.51.100.7')).address).toBe('198.51.100.7')
  })

  it('is the nearest untrusted hop behind trusted proxies', async () => {
    const r = await ask(['10.0.0.0/8'], '10.0.0.2', {
      'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.9',
    })
    // 6.6.6.6 was written by the client itself: only what our proxies appended counts.
    expect(r.address).toBe('203.0.113.5')
  })

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', async () => {
    const r = await ask(['10.0.0.2'], '10.0.0.3', { 'x-forwarded-for': '203.0.113.5' })
    expect(r.address).toBe('10.0.0.3')
  })

  it('ignores garbage in X-Forwarded-For', async () => {
    const r = await ask(['10.0.0.2'], '10.0.0.2', { 'x-forwarded-for': 'not-an-ip, <script>' })
    expect(r.address).toBe('10.0.0.2')
  })

  it('is "unknown" without Node bindings (app.request in tests)', async () => {
    expect((await ask([], undefined)).address).toBe(UNKNOWN_ADDRESS)
  })
})

describe('isHttps and requestOrigin', () => {
  it('believe X-Forwarded-Proto and -Host only from a trusted proxy', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'intrecci.example' }
    const trusted = await ask(['127.0.0.1'], '127.0.0.1', headers)
    expect(trusted).toMatchObject({ https: true, origin: 'https://intrecci.example' })
    const untrusted = await ask([], '127.0.0.1', headers)
    expect(untrusted).toMatchObject({ https: false, origin: 'http://intrecci.local' })
  })
})
