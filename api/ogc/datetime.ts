// The `datetime` parameter (OGC API – Features Part 1 §7.15.4): an RFC 3339 instant or an
// interval `start/end` with `..` (or nothing) for an open end. An instant stands for its whole
// precision: `2026-04-01` is that UTC day, `2026-04-01T10:00:00Z` that second.
// Signal aggregates read it in whole ISO weeks (api/signals/weeks.ts): weeks are the finest
// window the public may ask about, so any instant is widened to the week holding it.
import type { TimeWindow } from '../geo/feature-list.ts'
import { addDays, isoDate, weekStart } from '../signals/weeks.ts'
import { invalidParam } from './params.ts'

interface Instant {
  at: Date
  /** The instant's precision in milliseconds: it covers [at, at + unit). */
  unit: number
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/
const WEEK = /^\d{4}-W\d{2}$/
const DAY_MS = 86_400_000

const MESSAGE =
  'expected an RFC 3339 date-time or date, or an interval start/end of them (.. for an open end)'

/** Whether YYYY-MM-DD names a real day (not 2026-02-30, not month 13). */
function realDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

function parseInstant(raw: string): Instant | undefined {
  // A `+` in an unencoded query string arrives as a space.
  const value = raw.replace(/ (\d{2}:\d{2})$/, '+$1')
  const d = DATE.exec(value)
  if (d) return realDay(value) ? { at: new Date(`${value}T00:00:00Z`), unit: DAY_MS } : undefined
  const t = DATE_TIME.exec(value)
  if (!t) return undefined
  const [, y, mo, da, h, mi, s, fraction] = t
  // Field ranges first: Date would roll 2026-02-30 over into March.
  if (!realDay(`${y}-${mo}-${da}`)) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  const at = new Date(value.replace(/^(.{19})\.(\d{1,3})\d*/, '$1.$2'))
  if (Number.isNaN(at.getTime())) return undefined
  return { at, unit: fraction ? Math.max(1, 10 ** (3 - fraction.length)) : 1000 }
}

const isOpen = (v: string) => v === '' || v === '..'

function split(value: string): [string, string] | [string] {
  const parts = value.split('/')
  if (parts.length > 2) throw invalidParam('datetime', MESSAGE)
  return parts as [string, string] | [string]
}

/** `datetime` as a window over instants (from inclusive, until exclusive). */
export function parseDatetime(value: string | undefined): TimeWindow | undefined {
  if (value === undefined) return undefined
  const parts = split(value)
  const read = (v: string) => {
    const i = parseInstant(v)
    if (!i) throw invalidParam('datetime', MESSAGE)
    return i
  }
  if (parts.length === 1) {
    const i = read(parts[0])
    return { from: i.at, until: new Date(i.at.getTime() + i.unit) }
  }
  const [a, b] = parts
  const start = isOpen(a) ? undefined : read(a)
  const end = isOpen(b) ? undefined : read(b)
  const window = {
    from: start?.at,
    until: end ? new Date(end.at.getTime() + end.unit) : undefined,
  }
  if (window.from && window.until && window.from >= window.until) {
    throw invalidParam('datetime', 'the interval ends before it starts')
  }
  return window
}

/** A week, a date or a date-time, as the Monday (UTC) of its ISO week. */
function weekOf(v: string): Date | undefined {
  if (WEEK.test(v) || DATE.test(v)) return weekStart(v)
  const i = parseInstant(v)
  return i ? weekStart(isoDate(i.at)) : undefined
}

/** `datetime` in whole ISO weeks: Mondays as YYYY-MM-DD, `from` inclusive, `until` exclusive
 * (the aggregate repository's filter). Accepts ISO weeks (2026-W14) as well as RFC 3339. */
export function parseWeeks(
  value: string | undefined,
): { from?: string | undefined; until?: string | undefined } | undefined {
  if (value === undefined) return undefined
  const message = `${MESSAGE}, or ISO weeks (2026-W14); read in whole ISO weeks`
  const read = (v: string) => {
    const monday = weekOf(v)
    if (!monday) throw invalidParam('datetime', message)
    return monday
  }
  const parts = split(value)
  if (parts.length === 1) {
    const monday = read(parts[0])
    return { from: isoDate(monday), until: isoDate(addDays(monday, 7)) }
  }
  const [a, b] = parts
  const from = isOpen(a) ? undefined : read(a)
  const last = isOpen(b) ? undefined : read(b)
  if (from && last && last < from) {
    throw invalidParam('datetime', 'the interval ends before it starts')
  }
  return {
    from: from ? isoDate(from) : undefined,
    until: last ? isoDate(addDays(last, 7)) : undefined,
  }
}
