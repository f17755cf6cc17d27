// The client's address: the socket's, unless the socket is a configured trusted proxy — then
// the nearest address in X-Forwarded-For that is not itself a trusted proxy. Without
// TRUSTED_PROXY a forged X-Forwarded-For changes nothing.
import net from 'node:net'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'

/** What `app.request()` gives without Node bindings (tests): one shared unknown client. */
export const UNKNOWN_ADDRESS = 'unknown'

export function trustedProxyList(proxies: readonly string[]): net.BlockList {
  const list = new net.BlockList()
  for (const p of proxies) {
    const [address, bits] = p.split('/') as [string, string | undefined]
    const type = net.isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(bits), type)
  }
  return list
}

/** The socket's peer address as @hono/node-server's getConnInfo reads it (c.env.incoming). */
export function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const address = env?.incoming?.socket?.remoteAddress
  return address ? normalise(address) : undefined
}

export function clientAddress(c: Context<AppEnv>): string {
  const peer = socketAddress(c)
  if (!peer) return UNKNOWN_ADDRESS
  const proxies = c.var.trustedProxies
  if (!isTrusted(proxies, peer)) return peer
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => normalise(s.trim()))
    .filter((s) => net.isIP(s) !== 0)
  // Walk from the nearest hop back: the first one our proxies did not add is the client.
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(proxies, hops[i]!)) return hops[i]!
  }
  return hops[0] ?? peer
}

/** Whether the browser reached us over https (directly, or through a trusted proxy). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  const env = c.env as { incoming?: { socket?: { encrypted?: boolean } } } | undefined
  if (env?.incoming?.socket?.encrypted) return true
  const peer = socketAddress(c)
  if (peer && isTrusted(c.var.trustedProxies, peer)) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
    return proto === 'https'
  }
  return false
}

/** The origin the browser used to reach us: what a same-origin request's Origin header says. */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  const peer = socketAddress(c)
  if (peer && isTrusted(c.var.trustedProxies, peer)) {
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || url.host
    return `${isHttps(c) ? 'https' : 'http'}://${host}`
  }
  return url.origin
}

function isTrusted(list: net.BlockList | undefined, address: string): boolean {
  if (!list) return false
  return list.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4')
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) → `10.0.0.1`. */
function normalise(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return m ? m[1]! : address
}
