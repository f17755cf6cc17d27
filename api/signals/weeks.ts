// Time filters of the signal aggregates are whole ISO 8601 weeks (Monday to Sunday, UTC dates):
// `from`/`to` take an ISO week (2026-W14) or a date (2026-04-01), which is widened to the week
// containing it. Anything finer (a time of day) is refused. A week is the smallest window the
// public can ask for, so windows cannot be shrunk around a single day's observations.

const DAY_MS = 86_400_000

/** The Monday (UTC) of ISO week `week` of ISO year `year`. */
export function isoWeekMonday(year: number, week: number): Date {
  const jan4 = Date.UTC(year, 0, 4)
  const jan4Dow = (new Date(jan4).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return new Date(jan4 - jan4Dow * DAY_MS + (week - 1) * 7 * DAY_MS)
}

/** How many ISO weeks the ISO year has (52 or 53). */
export function weeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28))
  return isoWeekOf(dec28).week
}

export function isoWeekOf(d: Date): { year: number; week: number } {
  const dow = (d.getUTCDay() + 6) % 7
  const thursday = new Date(d.getTime() + (3 - dow) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return { year, week }
}

export const formatWeek = ({ year, week }: { year: number; week: number }) =>
  `${year}-W${String(week).padStart(2, '0')}`

const WEEK = /^(\d{4})-W(\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Monday of the week named by `value` (an ISO week or a date), or undefined if invalid. */
export function weekStart(value: string): Date | undefined {
  const w = WEEK.exec(value)
  if (w) {
    const year = Number(w[1])
    const week = Number(w[2])
    if (week < 1 || week > weeksInYear(year)) return undefined
    return isoWeekMonday(year, week)
  }
  const d = DATE.exec(value)
  if (d) {
    const date = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])))
    if (date.toISOString().slice(0, 10) !== value) return undefined // 2026-02-30
    const dow = (date.getUTCDay() + 6) % 7
    return new Date(date.getTime() - dow * DAY_MS)
  }
  return undefined
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10)
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS)
