import { describe, expect, it } from 'vitest'
import { TokenBuckets } from '../../api/security/rate-limit.ts'

function clock() {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('TokenBuckets', () => {
  it('grants a burst of perMinute, then says how long to wait', () => {
    const c = clock()
    const b = new TokenBuckets(3, c.now)
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0])
    expect(b.take('a')).toBeCloseTo(20, 5) // one token every 20 s
  })

  it('refills evenly over the minute', () => {
    const c = clock()
    const b = new TokenBuckets(60, c.now)
    for (let i = 0; i < 60; i++) b.take('a')
    expect(b.take('a')).toBeGreaterThan(0)
    c.advance(1000)
    expect(b.take('a')).toBe(0)
    expect(b.take('a')).toBeGreaterThan(0)
  })

  it('keeps one bucket per key', () => {
    const c = clock()
    const b = new TokenBuckets(1, c.now)
    expect(b.take('a')).toBe(0)
    expect(b.take('a')).toBeGreaterThan(0)
    expect(b.take('b')).toBe(0)
  })

  it('forgets idle buckets, which are full again anyway', () => {
    const c = clock()
    const b = new TokenBuckets(1, c.now)
    b.take('a')
    c.advance(61_000)
    expect(b.take('b')).toBe(0) // sweeps 'a'
    expect(b.take('a')).toBe(0)
  })
})
