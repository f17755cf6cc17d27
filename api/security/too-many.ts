// 429 with Retry-After (RFC 9110 §10.2.3): the header is set on the context, which the error
// handler's response keeps.
import type { Context } from 'hono'
import { ApiError } from '../errors.ts'

export function tooManyRequests(c: Context, retryAfterSeconds: number, message: string): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  c.header('Retry-After', String(seconds))
  return new ApiError(429, 'rate_limited', message, { retryAfterSeconds: seconds })
}
