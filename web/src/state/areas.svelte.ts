// What the user is looking at: the kind of area shown, the areas of each kind once loaded, and
// the selected area. Later: deep links read and write this state.
import { ApiError, getAreas } from '../api/client.ts'
import type { AreaCollection, AreaFeature, AreaKind } from '../api/types.ts'

class AreasState {
  kind = $state<AreaKind>('municipality')
  selectedId = $state<string | null>(null)
  /** Big GeoJSON: raw, never proxied. */
  collections = $state.raw<Partial<Record<AreaKind, AreaCollection>>>({})
  error = $state.raw<ApiError | null>(null)

  #pending = new Map<AreaKind, Promise<void>>()

  current: AreaCollection | undefined = $derived(this.collections[this.kind])

  selected: AreaFeature | undefined = $derived(
    this.selectedId ? this.current?.features.find((f) => f.id === this.selectedId) : undefined,
  )

  /** Loads the areas of `kind` once; concurrent calls share the request. */
  load(kind: AreaKind): Promise<void> {
    if (this.collections[kind]) return Promise.resolve()
    let pending = this.#pending.get(kind)
    if (!pending) {
      pending = getAreas(kind)
        .then((fc) => {
          this.collections = { ...this.collections, [kind]: fc }
          if (kind === this.kind) this.error = null
        })
        .catch((err: unknown) => {
          if (kind === this.kind) {
            this.error = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err))
          }
        })
        .finally(() => this.#pending.delete(kind))
      this.#pending.set(kind, pending)
    }
    return pending
  }

  setKind(kind: AreaKind): void {
    if (kind === this.kind) return
    this.kind = kind
    this.selectedId = null
    this.error = null
    void this.load(kind)
  }

  select(id: string | null): void {
    this.selectedId = id
  }
}

export const areas = new AreasState()
