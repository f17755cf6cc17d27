// Which drawings story mode steps through, and in what order. Chosen ids travel in the address
// (?racconto=id,id,…) so a story can be shared, embedded or shown on a kiosk; without a choice,
// the drawings that tell a story, oldest first.
import type { DrawnFeature } from '../api/maps-types.ts'
import { byCreation } from './feature-text.ts'

export const STORY_PARAM = 'racconto'

export function defaultSteps(features: Iterable<DrawnFeature>): DrawnFeature[] {
  const all = [...features].sort(byCreation)
  const told = all.filter((f) => f.properties.story?.trim())
  return told.length ? told : all.filter((f) => f.properties.title?.trim())
}

/** The steps the address names (those still on the map), or the default ones. */
export function storySteps(features: ReadonlyMap<string, DrawnFeature>, param: string | null) {
  if (param && param !== '1') {
    const chosen = param
      .split(',')
      .map((id) => features.get(id))
      .filter((f): f is DrawnFeature => f !== undefined)
    if (chosen.length) return chosen
  }
  return defaultSteps(features.values())
}

/** The address of a map's story: `ids` empty for the default steps. */
export function storyHref(base: string, ids: readonly string[]): string {
  const url = new URL(base, location.origin)
  url.searchParams.set(STORY_PARAM, ids.length ? ids.join(',') : '1')
  return url.pathname + url.search
}
