// The "add a place" flow, shared by the form (AddPlaceForm), the map (AddPlaceMapTool, or the
// viewer's own click handler) and the button that opens it. While `active`, a tap on the map
// sets the position instead of selecting what is under it. The viewer shows AddPlaceForm while
// `visible`: the flow is open, or its notice ("waiting for review") is still on screen.
//
// It also remembers the places this browser submitted that are waiting for review: a visitor's
// pending place is not readable through the API (it reads as not there until approved), so the
// viewer shows the author's own pending places from here, with a notice, until they are public.
import { getPlace, type PlaceFeature } from '../api/client.ts'

/** EPSG:4326 [longitude, latitude]. */
export type LngLat = [number, number]

export interface PendingPlace {
  id: string
  name: string
  category: string
  coordinates: LngLat
  createdAt: string
}

const STORAGE_KEY = 'intrecci.myPendingPlaces'
/** Long enough for a moderator to look; after that the place is approved or not, either way. */
const KEEP_DAYS = 30

function load(): PendingPlace[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as PendingPlace[]
    const since = Date.now() - KEEP_DAYS * 86_400_000
    return Array.isArray(raw) ? raw.filter((p) => Date.parse(p.createdAt) > since) : []
  } catch {
    return []
  }
}

function save(list: PendingPlace[]) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(list))
  } catch {
    // Storage off (private mode, kiosk): remembered for this page only.
  }
}

class AddPlace {
  /** The flow is open: the form shows and map taps choose the position. */
  active = $state(false)
  /** The chosen position, or null until one is chosen. */
  position = $state.raw<LngLat | null>(null)
  /** Metres, when the position came from the device (68 % confidence radius). */
  accuracy = $state<number | null>(null)
  /** The place just submitted, while its notice is on screen. */
  notice = $state.raw<PlaceFeature | null>(null)
  /** This browser's submitted places that wait for review, newest first. */
  mine = $state.raw<PendingPlace[]>(load())

  /** Whether the viewer should show the form (or its notice). */
  get visible(): boolean {
    return this.active || this.notice !== null
  }

  start(position?: LngLat) {
    this.notice = null
    this.active = true
    if (position) this.setPosition(position)
  }

  /** Stops picking; the notice stays unless `close` (the person is done with the panel). */
  cancel({ close = true } = {}) {
    this.active = false
    this.position = null
    this.accuracy = null
    if (close) this.notice = null
  }

  /** A tap on the map (no accuracy) or the device's position (with its accuracy in metres). */
  setPosition(position: LngLat, accuracy: number | null = null) {
    this.position = [round7(position[0]), round7(position[1])]
    this.accuracy = accuracy
  }

  /** After a successful submission: stops picking, shows the notice, remembers a pending place. */
  submitted(place: PlaceFeature) {
    this.cancel({ close: false })
    this.notice = place
    // Signed-in authors read their own pending places from the API; visitors cannot.
    if (place.properties.status !== 'pending' || place.properties.own) return
    const entry: PendingPlace = {
      id: place.id,
      name: place.properties.name,
      category: place.properties.category,
      coordinates: place.geometry.coordinates,
      createdAt: place.properties.createdAt,
    }
    this.mine = [entry, ...this.mine.filter((p) => p.id !== place.id)]
    save(this.mine)
  }

  /** The place is public now: the viewer shows it from the API like any other. */
  forget(id: string) {
    this.mine = this.mine.filter((p) => p.id !== id)
    save(this.mine)
  }

  /** Forgets the remembered places that were approved meanwhile (readable by anyone now). */
  async refresh(): Promise<void> {
    for (const p of this.mine) {
      const place = await getPlace(p.id).catch(() => null)
      if (place?.properties.status === 'published') this.forget(p.id)
    }
  }
}

/** 7 decimals: ~1 cm, what the API and GeoJSON exports keep. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7

export const addPlace = new AddPlace()
