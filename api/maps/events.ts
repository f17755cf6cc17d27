// The live bus of the maps: an in-process wake-up call, "map X has changes up to seq N". The
// changes themselves live in the database's change log (map_changes); the bus only tells the
// open streams of that map to read it now instead of at their next heartbeat. So a missed
// wake-up costs at most a heartbeat's delay, never a change.
// Chosen over LISTEN/NOTIFY because the app is one process (DESIGN.md) and PGlite is in it; a
// deployment with several API processes would replace publish/subscribe here with
// pg_notify/LISTEN — the streams' heartbeat re-read already bounds the delay meanwhile.
export type Wake = () => void

export class MapEvents {
  private readonly listeners = new Map<string, Set<Wake>>()
  private closedFlag = false
  private readonly onClose = new Set<Wake>()

  /** Calls `wake` after every committed change of the map; returns the unsubscribe. */
  subscribe(mapId: string, wake: Wake): () => void {
    let set = this.listeners.get(mapId)
    if (!set) this.listeners.set(mapId, (set = new Set()))
    set.add(wake)
    this.onClose.add(wake)
    return () => {
      set.delete(wake)
      this.onClose.delete(wake)
      if (set.size === 0) this.listeners.delete(mapId)
    }
  }

  /** After the transaction that wrote the change has committed. */
  publish(mapId: string): void {
    for (const wake of this.listeners.get(mapId) ?? []) wake()
  }

  /** Open streams of this map (for tests and the bench). */
  streams(mapId: string): number {
    return this.listeners.get(mapId)?.size ?? 0
  }

  /** Shutting down: every stream ends, and new ones are refused. */
  close(): void {
    this.closedFlag = true
    for (const wake of [...this.onClose]) wake()
  }

  get closed(): boolean {
    return this.closedFlag
  }
}
