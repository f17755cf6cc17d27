// One error table: every error a client can see is an ApiError with a status and a code, turned
// into `{ error: { code, message, details } }` by one handler. Anything else is logged and
// answered with a plain 500: SQL and stack traces never reach a client.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details)
export const notFound = (message = 'Not found') => new ApiError(404, 'not_found', message)
export const unavailable = (message: string) => new ApiError(503, 'unavailable', message)

/** Validation failures name each field at fault: `details: [{ field, message }]`. */
export function validationError(error: ZodError, where: string): ApiError {
  const details = error.issues.map((i) => ({
    field: i.path.length ? i.path.join('.') : where,
    message: i.message,
  }))
  const first = details[0]!
  return new ApiError(400, 'invalid_input', `${first.field}: ${first.message}`, details)
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status)
  }
  if (err instanceof HTTPException) {
    // Hono's own (e.g. malformed JSON from c.req.json()): keep the status, use our body.
    const status = err.status as ContentfulStatusCode
    return c.json(
      errorBody(status === 413 ? 'payload_too_large' : 'bad_request', err.message),
      status,
    )
  }
  console.error(`[error] ${c.req.method} ${c.req.path}:`, err)
  return c.json(errorBody('internal', 'Internal server error'), 500)
}
