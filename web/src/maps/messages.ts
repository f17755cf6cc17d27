// What the maps' pages say when the server refuses something: by error code, in the current
// language, with the server's own words only as a last resort.
import { ApiError } from '../api/client.ts'
import { t } from '../i18n/i18n.svelte.ts'
import type { MessageKey } from '../i18n/it.ts'
import { MAX_FEATURES, MAX_VERTICES } from './limits.ts'

const BY_CODE: Record<string, MessageKey> = {
  too_many_features: 'maps.error.tooManyFeatures',
  too_many_photos: 'maps.error.tooManyPhotos',
  invalid_image: 'maps.error.invalidImage',
  unsupported_media_type: 'maps.error.photoType',
  payload_too_large: 'maps.error.tooLarge',
  unknown_symbol: 'maps.error.symbol',
  symbol_kind: 'maps.error.symbol',
  symbol_in_use: 'maps.error.symbolInUse',
  not_a_participant: 'maps.error.notParticipant',
  forbidden: 'maps.error.forbidden',
  unauthenticated: 'maps.error.forbidden',
  not_found: 'maps.error.notFound',
  no_such_map: 'maps.error.noSuchCode',
  pseudonym_taken: 'maps.error.pseudonymTaken',
  map_join_attempts: 'maps.error.tooManyAttempts',
  rate_limited: 'maps.error.tooManyAttempts',
  import_refused: 'maps.error.importRefused',
  network: 'maps.error.network',
  timeout: 'maps.error.network',
}

/** One sentence for a failed call. */
export function mapError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('maps.error.unknown')
  if (err.code === 'too_many_vertices') {
    const n = /(\d+) vertices/.exec(err.message)?.[1]
    return t('maps.error.tooManyVertices', { n: n ?? '?', max: MAX_VERTICES })
  }
  if (err.code === 'too_many_features')
    return t('maps.error.tooManyFeatures', { max: MAX_FEATURES })
  const key = BY_CODE[err.code]
  if (key) return t(key)
  const geometry = Array.isArray(err.details)
    ? (err.details as { field?: string }[]).some((d) => d.field?.startsWith('geometry'))
    : false
  if (geometry) return t('maps.error.geometry')
  return t('maps.error.server', { message: err.message })
}
