import { describe, expect, it } from 'vitest'
import { aggregateQuery } from '../../api/signals/signals.schema.ts'
import { publishCount } from '../../api/signals/suppression.ts'
import { formatWeek, isoDate, isoWeekOf, weekStart } from '../../api/signals/weeks.ts'

describe('publishCount', () => {
  it.each([
    [0, 0, false],
    [1, null, true],
    [4, null, true],
    [5, 5, false],
    [9, 5, false],
    [10, 10, false],
    [14, 10, false],
    [123, 120, false],
  ])('shows %i to the public as %j (suppressed %s)', (n, count, suppressed) => {
    expect(publishCount(n, false)).toEqual({ count, suppressed })
  })

  it('gives planners and admins the exact count', () => {
    expect(publishCount(3, true)).toEqual({ count: 3, suppressed: false })
    expect(publishCount(9, true)).toEqual({ count: 9, suppressed: false })
  })

  it('never lets "total minus one theme" isolate fewer than 5 signals', () => {
    // Every pair (total, part) with part ≤ total: the published values never pin the
    // difference to exactly 1–4 with certainty (the interval always contains 0 or spans ≥ 5).
    for (let total = 0; total < 60; total++) {
      for (let part = 0; part <= total; part++) {
        const t = publishCount(total, false)
        const p = publishCount(part, false)
        const range = (x: { count: number | null }) =>
          x.count === null ? [1, 4] : x.count === 0 ? [0, 0] : [x.count, x.count + 4]
        const [tl, th] = range(t)
        const [pl, ph] = range(p)
        const lo = Math.max(0, tl! - ph!)
        const hi = th! - pl!
        const pinned = lo === hi && lo >= 1 && lo <= 4
        expect(pinned, `total ${total}, part ${part}`).toBe(false)
      }
    }
  })
})

describe('ISO weeks', () => {
  it.each([
    ['2026-W01', '2025-12-29'],
    ['2026-W14', '2026-03-30'],
    ['2020-W53', '2020-12-28'],
    ['2026-04-01', '2026-03-30'],
    ['2026-03-30', '2026-03-30'],
    ['2026-04-05', '2026-03-30'],
    ['2024-02-29', '2024-02-26'],
  ])('%s starts on Monday %s', (value, monday) => {
    expect(isoDate(weekStart(value)!)).toBe(monday)
  })

  it.each(['2026-W54', '2025-W53', '2026-W00', '2026-02-30', '2026-4-1', '2026-04-01T10:00', ''])(
    'refuses %j',
    (value) => {
      expect(weekStart(value)).toBeUndefined()
    },
  )

  it('names the week of a date', () => {
    expect(formatWeek(isoWeekOf(new Date('2027-01-01T00:00:00Z')))).toBe('2026-W53')
  })
})

describe('aggregate query', () => {
  const parse = (q: Record<string, string>) => aggregateQuery.safeParse(q)

  it('accepts areas by kind and hexagons by a size of the ladder', () => {
    expect(parse({ by: 'area', kind: 'zone', theme: 'food', from: '2026-W01' }).success).toBe(true)
    expect(parse({ by: 'hex', size: '1000', to: '2026-04-01' }).success).toBe(true)
  })

  it.each([
    [{ by: 'area', kind: 'zone', bbox: '7.6,45,7.7,45.1' }, 'bbox'],
    [{ by: 'area', kind: 'zone', near: '7.6,45' }, 'near'],
    [{ by: 'hex', size: '100' }, 'size'],
    [{ by: 'hex', size: '750' }, 'size'],
    [{ by: 'hex', size: '20000' }, 'size'],
    [{ by: 'hex' }, 'size'],
    [{ by: 'area' }, 'kind'],
    [{ by: 'area', kind: 'zone', from: '2026-04-01T10:00:00Z' }, 'from'],
    [{ by: 'area', kind: 'zone', from: '2026-W20', to: '2026-W10' }, 'to'],
    [{ by: 'point' }, 'by'],
  ])('refuses %j naming %s', (q, field) => {
    const r = parse(q as Record<string, string>)
    expect(r.success).toBe(false)
    const paths = r.error!.issues.map((i) => String(i.path[0] ?? ('keys' in i ? i.keys[0] : '')))
    expect(paths.join(' ')).toContain(field)
  })
})
