// Write limits: token buckets, in this process's memory (a restart forgets them, and each
// process behind a load balancer counts on its own — the brute-force limit on sign-in, which
// must hold across processes, lives in the database instead). Applied to unsafe methods
// under /api: per client address for visitors, per account for people signed in, and a wider
// per-address bucket for everyone (many accounts behind one address).
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { Config } from '../config.ts'
import { clientAddress } from './client-address.ts'
import { tooManyRequests } from './too-many.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
/** An empty bucket is full again after a minute: buckets untouched that long are forgotten,
 * which bounds the memory to the clients of the last minute. */
const REFILL_MS = 60_000

/** `perMinute` tokens refilled evenly, up to `perMinute` in a burst. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private lastSweep = 0

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when granted, else the seconds until one is there. */
  take(key: string): number {
    const t = this.now()
    this.sweep(t)
    const rate = this.perMinute / REFILL_MS // tokens per ms
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t }
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * rate)
    b.at = t
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return 0
    }
    return (1 - b.tokens) / rate / 1000
  }

  private sweep(t: number) {
    if (t - this.lastSweep < REFILL_MS) return
    this.lastSweep = t
    for (const [k, b] of this.buckets) if (t - b.at > REFILL_MS) this.buckets.delete(k)
  }
}

/** One limiter per app (tests build many apps: nothing is shared between them). */
export function writeRateLimit(limits: Config['rateLimits']): MiddlewareHandler<AppEnv> {
  const anon = limits.anonWrites > 0 ? new TokenBuckets(limits.anonWrites) : undefined
  const users = limits.userWrites > 0 ? new TokenBuckets(limits.userWrites) : undefined
  const clients = limits.clientWrites > 0 ? new TokenBuckets(limits.clientWrites) : undefined
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next()
    const address = clientAddress(c)
    const user = c.var.user
    // A map participant (api/maps/access.ts) counts like an account: a focus group shares
    // one address, and each person draws.
    const participant = c.var.mapParticipant
    const own = user?.id ?? (participant ? `map-participant:${participant.id}` : undefined)
    const waits = [
      clients?.take(address) ?? 0,
      own ? (users?.take(own) ?? 0) : (anon?.take(address) ?? 0),
    ]
    const wait = Math.max(...waits)
    if (wait > 0) throw tooManyRequests(c, wait, 'Too many changes in a short time: wait a moment')
    return next()
  }
}
