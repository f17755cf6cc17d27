// The only module that fetches. Every function resolves with data or rejects with an ApiError
// carrying the server's `{ error: { code, message } }` (or a `network` / `timeout` code of ours).
import type { StyleSpecification } from 'maplibre-gl'
import type { ApiErrorBody, AppConfig, AreaCollection, AreaKind, IndicatorDef } from './types.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `details`: for validation errors, `[{ field, message }]`. */
    readonly details?: unknown,
  ) {
    super(message)
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } }
  }

  /** The message the server gave for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    if (!Array.isArray(this.details)) return undefined
    const hit = (this.details as { field?: unknown; message?: unknown }[]).find(
      (d) => d.field === field,
    )
    return typeof hit?.message === 'string' ? hit.message : undefined
  }
}

interface RequestOptions {
  signal?: AbortSignal
  /** Abort after this many ms with code 'timeout'. */
  timeoutMs?: number
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  return requestJson<T>('GET', url, undefined, options)
}

/**
 * Any call to our API. Writes send JSON (the server's CSRF guard requires it, and the browser
 * adds our Origin); the session cookie rides along on same-origin requests by itself. A 204
 * resolves with undefined.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  options: RequestOptions & { headers?: Record<string, string> } = {},
): Promise<T> {
  // One controller for the caller's signal and the timeout (AbortSignal.any is too recent for
  // the older phones many of our users have). The timeout covers the body too.
  const controller = new AbortController()
  let timedOut = false
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        controller.abort()
      }, options.timeoutMs)
    : undefined
  const forward = () => controller.abort()
  options.signal?.addEventListener('abort', forward, { once: true })
  if (options.signal?.aborted) controller.abort()
  try {
    let res: Response
    try {
      const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      res = await fetch(url, {
        method,
        signal: controller.signal,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (err) {
      throw failure(err, url, timedOut, options.timeoutMs)
    }
    if (!res.ok) throw await errorFrom(res)
    if (res.status === 204) return undefined as T
    try {
      return (await res.json()) as T
    } catch (err) {
      if (controller.signal.aborted) throw failure(err, url, timedOut, options.timeoutMs)
      throw new ApiError(res.status, 'bad_response', `${url} did not answer with JSON`)
    }
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', forward)
  }
}

/** A fetch that did not complete: our timeout, the caller's abort (rethrown), or the network. */
function failure(err: unknown, url: string, timedOut: boolean, timeoutMs?: number): unknown {
  if (timedOut) return new ApiError(0, 'timeout', `No answer from ${url} in ${timeoutMs} ms`)
  if (err instanceof DOMException && err.name === 'AbortError') return err
  return new ApiError(0, 'network', `Could not reach ${url}`)
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null
  const e = body?.error
  return e && typeof e.code === 'string'
    ? new ApiError(res.status, e.code, String(e.message ?? ''), e.details)
    : new ApiError(res.status, 'http_' + res.status, res.statusText || `HTTP ${res.status}`)
}

export const getConfig = (o?: RequestOptions) => getJson<AppConfig>('/api/config', o)

export const getAreas = (kind: AreaKind, o?: RequestOptions) =>
  getJson<AreaCollection>(`/api/areas?kind=${encodeURIComponent(kind)}`, o)

export const getIndicators = (o?: RequestOptions) =>
  getJson<{ indicators: IndicatorDef[] }>('/api/areas/indicators', o)

/** A MapLibre style document, from our server or an online provider. */
export const getStyle = (url: string, o?: RequestOptions) => getJson<StyleSpecification>(url, o)
