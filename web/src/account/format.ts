// Dates and roles as the account pages show them, in the current language.
import type { Role } from '../api/account-types.ts'
import { locale, t } from '../i18n/i18n.svelte.ts'

/** "12 mar 2025" / "12 Mar 2025"; with `time`, also the hour. */
export function formatDate(iso: string | null | undefined, { time = false } = {}): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    ...(time ? { timeStyle: 'short' } : {}),
  }).format(d)
}

export function roleLabel(role: Role): string {
  return t(`account.role.${role}`)
}
