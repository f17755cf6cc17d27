// Plain-language messages for the API's errors: the server's wording is for developers.
import { ApiError } from '../api/client.ts'
import { t } from '../i18n/i18n.svelte.ts'
import type { MessageKey } from '../i18n/it.ts'

const FIELD_KEYS: Record<string, MessageKey> = {
  geometry: 'contrib.error.geometry',
  category: 'contrib.error.category',
  name: 'contrib.error.name',
  story: 'contrib.error.story',
  pseudonym: 'contrib.error.pseudonym',
  text: 'contrib.error.text',
  reason: 'contrib.error.reason',
}

/** Our message for a field the API named, or the API's own when we have none. */
export function messageFor(field: string, apiMessage: string): string {
  const key = FIELD_KEYS[field]
  return key ? t(key) : apiMessage
}

/** A message for an error that names no field: offline, too many attempts, and the rest. */
export function formError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('contrib.error.generic', { message: String(err) })
  if (err.code === 'network' || err.code === 'timeout') return t('contrib.error.offline')
  if (err.status === 429) return t('contrib.error.tooMany')
  if (err.status === 401) return t('contrib.error.signedOut')
  if (err.status === 403) return t('contrib.error.forbidden')
  if (err.code === 'already_reported') return t('contrib.report.already')
  return t('contrib.error.generic', { message: err.message })
}
