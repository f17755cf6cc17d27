// The collections /ogc serves, in the order clients list them. Public data only: published
// places and resources, the drawings of public maps, the areas, and need signals as suppressed
// aggregates.
import type { OgcCollection } from './collection.ts'
import { areaCollections } from './collections/areas.ts'
import { mapsCollection } from './collections/maps.ts'
import { needSignalCollections } from './collections/need-signals.ts'
import { placesCollection } from './collections/places.ts'
import { resourcesCollection } from './collections/resources.ts'

export const COLLECTIONS: readonly OgcCollection[] = [
  placesCollection,
  resourcesCollection,
  mapsCollection,
  ...areaCollections,
  ...needSignalCollections,
]

const BY_ID = new Map(COLLECTIONS.map((c) => [c.id, c]))

export function collectionById(id: string): OgcCollection | undefined {
  return BY_ID.get(id)
}
