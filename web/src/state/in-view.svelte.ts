// The published places and resources inside the map's view, with the filters applied: the list
// view shows them and the layers panel counts them. One request per kind after the camera rests
// (the previous one is aborted); at most LIST_LIMIT items each, with the total.
import { ApiError, getInView, type Bbox } from '../api/client.ts'
import type { ViewerItemCollection } from '../api/viewer-types.ts'

export const LIST_LIMIT = 300

export interface InViewQuery {
  bounds: Bbox
  /** Items wanted per kind: 1 when only the counts are shown. */
  limit: number
  places: { keys: readonly string[] | null } | null
  resources: { keys: readonly string[] | null } | null
}

class InView {
  places = $state.raw<ViewerItemCollection | null>(null)
  resources = $state.raw<ViewerItemCollection | null>(null)
  loading = $state(false)
  error = $state.raw<ApiError | null>(null)
  /** The view the current answer is for. */
  bounds = $state.raw<Bbox | null>(null)

  #controller: AbortController | null = null

  async refresh(q: InViewQuery): Promise<void> {
    this.#controller?.abort()
    const controller = new AbortController()
    this.#controller = controller
    this.loading = true
    const ask = (kind: 'places' | 'resources') => {
      const filter = q[kind]
      if (!filter) return Promise.resolve(null)
      // Nothing chosen: nothing to ask for.
      if (filter.keys?.length === 0) return Promise.resolve(empty())
      return getInView(
        kind,
        q.bounds,
        { keys: filter.keys, limit: q.limit },
        { signal: controller.signal, timeoutMs: 15_000 },
      )
    }
    try {
      const [places, resources] = await Promise.all([ask('places'), ask('resources')])
      if (controller.signal.aborted) return
      this.places = places
      this.resources = resources
      this.bounds = q.bounds
      this.error = null
    } catch (err) {
      if (controller.signal.aborted) return
      this.error = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err))
    } finally {
      if (this.#controller === controller) this.loading = false
    }
  }
}

const empty = (): ViewerItemCollection => ({
  type: 'FeatureCollection',
  numberMatched: 0,
  numberReturned: 0,
  features: [],
})

export const inView = new InView()
