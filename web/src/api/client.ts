// The only module that fetches. Every function resolves with data or rejects with an ApiError
// carrying the server's `{ error: { code, message } }` (or a `network` / `timeout` code of ours).
import type { StyleSpecification } from 'maplibre-gl'
import type { ApiErrorBody, AppConfig, AreaCollection, AreaKind, IndicatorDef } from './types.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } }
  }
}

interface RequestOptions {
  signal?: AbortSignal
  /** Abort after this many ms with code 'timeout'. */
  timeoutMs?: number
}

async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
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
      res = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } })
    } catch (err) {
      throw failure(err, url, timedOut, options.timeoutMs)
    }
    if (!res.ok) throw await errorFrom(res)
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
    ? new ApiError(res.status, e.code, String(e.message ?? ''))
    : new ApiError(res.status, 'http_' + res.status, res.statusText || `HTTP ${res.status}`)
}

export const getConfig = (o?: RequestOptions) => getJson<AppConfig>('/api/config', o)

export const getAreas = (kind: AreaKind, o?: RequestOptions) =>
  getJson<AreaCollection>(`/api/areas?kind=${encodeURIComponent(kind)}`, o)

export const getIndicators = (o?: RequestOptions) =>
  getJson<{ indicators: IndicatorDef[] }>('/api/areas/indicators', o)

/** A MapLibre style document, from our server or an online provider. */
export const getStyle = (url: string, o?: RequestOptions) => getJson<StyleSpecification>(url, o)
