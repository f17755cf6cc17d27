// One open map: its description, its drawings and the live stream that keeps them current.
// The server is the authority: drawings change here only from its answers (ours) and from the
// stream (everyone's, ours included: a change is applied only if it is newer than what we
// hold, so our own echoes and replays after a reconnection change nothing).
/* eslint-disable svelte/prefer-svelte-reactivity -- `features` is replaced whole on every
   change (readers compare by identity); no Map here is mutated once published. */
import { ApiError } from '../api/client.ts'
import { eventsUrl, getFeatures, getMap } from '../api/maps-client.ts'
import type { DrawnFeature, MapChange, MapInfo } from '../api/maps-types.ts'

export type LiveState = 'off' | 'connecting' | 'live' | 'offline' | 'revoked' | 'gone'

/** How long to wait before opening the stream again when the browser gave up on it (ms). */
const REOPEN_MS = 2000

export class MapSession {
  readonly id: string
  map = $state.raw<MapInfo | null>(null)
  /** Drawings by id: replaced (never mutated) on every change, so readers see a new value. */
  features = $state.raw<ReadonlyMap<string, DrawnFeature>>(new Map())
  /** The last change number applied. */
  seq = 0
  live = $state<LiveState>('off')
  /** Incremented when a comment arrives on the stream: threads reload. */
  commentsEpoch = $state(0)
  error = $state.raw<ApiError | null>(null)
  /** Called after each change from others (not our own echoes), e.g. to announce it. */
  onremote?: (change: MapChange) => void

  #source: EventSource | null = null
  #reopen: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor(id: string) {
    this.id = id
  }

  list = $derived([...this.features.values()])

  /** The drawings have arrived (the map's description may come first). */
  loaded = $state(false)

  /** The map and its drawings, asked for together; the map is set as soon as it arrives so
   * the basemap can start loading while the drawings are on their way. */
  async load(signal?: AbortSignal): Promise<void> {
    try {
      // The map first: its small answer lets the basemap start (the embedded database answers
      // one query at a time, in the order asked).
      const map = getMap(this.id, { signal })
      const drawings = getFeatures(this.id, { signal })
      // Not left unhandled if the map's answer fails first.
      drawings.catch(() => {})
      this.map = await map
      const collection = await drawings
      this.features = new Map(collection.features.map((f) => [f.id, f]))
      this.seq = collection.seq
      this.loaded = true
      this.error = null
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err
      this.error = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err))
    }
  }

  /** After joining or a change of who we are: the map with our new rights. */
  async refreshMap(): Promise<void> {
    this.map = await getMap(this.id)
  }

  /** Follows the live stream from the last applied change. */
  connect(): void {
    this.#closed = false
    this.#open()
  }

  disconnect(): void {
    this.#closed = true
    clearTimeout(this.#reopen)
    this.#source?.close()
    this.#source = null
    this.live = 'off'
  }

  #open() {
    this.#source?.close()
    if (this.#closed) return
    this.live = 'connecting'
    const es = new EventSource(eventsUrl(this.id, this.seq))
    this.#source = es
    es.addEventListener('ready', () => (this.live = 'live'))
    es.addEventListener('change', (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as MapChange
      this.apply(change)
    })
    es.addEventListener('reset', () => void this.#reload())
    es.addEventListener('revoked', () => this.#stop('revoked'))
    es.addEventListener('gone', () => this.#stop('gone'))
    es.addEventListener('open', () => {
      if (this.live !== 'live') this.live = 'connecting'
    })
    es.onerror = () => {
      // EventSource retries by itself (1 s, with Last-Event-ID) after a dropped connection;
      // after an HTTP error it gives up (CLOSED): then we open a new one, from our seq.
      if (this.#closed || this.#source !== es) return
      this.live = 'offline'
      if (es.readyState === EventSource.CLOSED) {
        clearTimeout(this.#reopen)
        this.#reopen = setTimeout(() => this.#open(), REOPEN_MS)
      }
    }
  }

  #stop(state: 'revoked' | 'gone') {
    this.#source?.close()
    this.#source = null
    this.live = state
  }

  /** The stream's id was ahead of the log (a restored database): start again from a list. */
  async #reload() {
    this.#source?.close()
    await this.load()
    this.#open()
  }

  /** Applies one change of the stream; older or repeated ones change nothing. */
  apply(change: MapChange): void {
    if (change.seq <= this.seq) return
    this.seq = change.seq
    let remote = true
    switch (change.type) {
      case 'feature.created':
      case 'feature.updated':
      case 'feature.restored':
        remote = this.upsert(change.feature)
        break
      case 'feature.deleted':
      case 'feature.hidden':
        remote = this.remove(change.featureId)
        break
      case 'photo.added': {
        const f = this.features.get(change.featureId)
        if (!f || f.properties.photos.some((p) => p.id === change.photo.id)) remote = false
        else
          this.#put({
            ...f,
            properties: { ...f.properties, photos: [...f.properties.photos, change.photo] },
          })
        break
      }
      case 'photo.deleted': {
        const f = this.features.get(change.featureId)
        if (!f || !f.properties.photos.some((p) => p.id === change.photoId)) remote = false
        else {
          const photos = f.properties.photos.filter((p) => p.id !== change.photoId)
          this.#put({ ...f, properties: { ...f.properties, photos } })
        }
        break
      }
      case 'map.updated':
        if (this.map)
          this.map = { ...this.map, ...change.map, me: this.map.me, join: this.map.join }
        break
      case 'comment.created':
        this.commentsEpoch += 1
        break
      default:
        remote = false
    }
    if (remote) this.onremote?.(change)
  }

  /** Stores a drawing if it is new or newer than ours; returns whether anything changed. */
  upsert(feature: DrawnFeature): boolean {
    const held = this.features.get(feature.id)
    if (held && held.properties.version >= feature.properties.version) return false
    this.#put(feature)
    return true
  }

  remove(id: string): boolean {
    if (!this.features.has(id)) return false
    const next = new Map(this.features)
    next.delete(id)
    this.features = next
    return true
  }

  /** After our own photo upload or deletion (photos do not change a drawing's version). */
  setPhotos(featureId: string, photos: DrawnFeature['properties']['photos']): void {
    const f = this.features.get(featureId)
    if (f) this.#put({ ...f, properties: { ...f.properties, photos } })
  }

  #put(feature: DrawnFeature) {
    const next = new Map(this.features)
    next.set(feature.id, feature)
    this.features = next
  }
}
