// Dates and opening hours as people read them, in the current language.
import type { ScheduleEntry } from '../../api/viewer-types.ts'
import { locale } from '../../i18n/i18n.svelte.ts'

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** "giovedì" / "Thursday": 2024-01-01 was a Monday. */
export function weekdayName(day: ScheduleEntry['byday']): string {
  const date = new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)))
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(date)
}

/** The week's openings, Monday first, each day with its hours in order. */
export function openingDays(schedule: readonly ScheduleEntry[]) {
  return DAYS.flatMap((day) => {
    const slots = schedule
      .filter((s) => s.byday === day)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    return slots.length ? [{ day, name: weekdayName(day), slots }] : []
  })
}

/** "30 gennaio 2024" from an ISO date or timestamp. */
export function longDate(iso: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso)
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(d)
}
