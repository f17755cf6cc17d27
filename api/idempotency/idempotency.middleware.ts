// Idempotency-Key for creating requests (draft-ietf-httpapi-idempotency-key-header): a retry
// with the same key and the same body answers the first response again (Idempotent-Replayed:
// true) and stores nothing new; the same key with another body → 422; while the first request
// is still running → 409. Keys belong to the caller (account, or HMAC of the client address).
// Responses of 5xx or thrown errors are not kept: the client may retry with the same key.
import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../errors.ts'
import { reporterKey } from '../moderation/reports.repository.ts'
import { clientKey } from '../moderation/settings.repository.ts'
import { clientAddress } from '../security/client-address.ts'
import {
  claimKey,
  findKey,
  purgeExpiredKeys,
  releaseKey,
  storeResponse,
} from './idempotency.repository.ts'

export const IDEMPOTENCY_HEADER = 'Idempotency-Key'
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/

export const idempotent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER)
  if (key === undefined) return next()
  if (!KEY_FORMAT.test(key)) {
    throw new ApiError(
      400,
      'invalid_input',
      `${IDEMPOTENCY_HEADER}: 1–255 visible ASCII characters`,
      [{ field: IDEMPOTENCY_HEADER, message: '1–255 visible ASCII characters' }],
    )
  }
  const db = c.var.db
  const user = c.var.user
  const principal = user
    ? reporterKey({ userId: user.id })
    : reporterKey({ address: clientAddress(c), key: await clientKey(db) })
  const body = await c.req.text()
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n`)
    .update(body)
    .digest('hex')
  const id = { principal, key }

  if (!(await claimKey(db, { ...id, requestHash }))) {
    const stored = await findKey(db, id)
    if (stored && stored.request_hash !== requestHash) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        `${IDEMPOTENCY_HEADER} was already used for a different request`,
        [{ field: IDEMPOTENCY_HEADER, message: 'already used for a different request' }],
      )
    }
    if (!stored || stored.status === null) {
      throw new ApiError(
        409,
        'request_in_progress',
        'The first request with this key is still running',
      )
    }
    c.header('Idempotent-Replayed', 'true')
    if (stored.content_type) c.header('Content-Type', stored.content_type)
    return c.body(stored.body ?? '', stored.status as ContentfulStatusCode)
  }

  try {
    await next()
  } catch (err) {
    await releaseKey(db, id)
    throw err
  }
  const res = c.res
  if (c.error || res.status >= 500) {
    await releaseKey(db, id)
    return
  }
  await storeResponse(db, id, {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: await res.clone().text(),
  })
  // Now and then, forget old keys (about one request in 50).
  if (Math.random() < 0.02) await purgeExpiredKeys(db)
}
