// Chooses the basemap: the online OpenStreetMap-based style when it answers, otherwise the
// offline style the API builds from the project's own data (glyphs served locally, so labels
// render with no internet). BASEMAP_STYLE_URL=offline selects the offline one outright.
// MapLibre style spec: https://maplibre.org/maplibre-style-spec/
import type { ErrorEvent, StyleSpecification } from 'maplibre-gl'
import { getStyle } from '../api/client.ts'
import type { AppConfig } from '../api/types.ts'

export type BasemapKind = 'online' | 'offline'

export interface Basemap {
  kind: BasemapKind
  /** A style document, or the URL of one. */
  style: StyleSpecification | string
}

/** How long the online style gets to answer before the offline one is used (ms). */
export const ONLINE_STYLE_TIMEOUT_MS = 2500

/** The font of the offline basemap's first labels (the municipalities'): api/basemap/style.ts. */
const OFFLINE_LABEL_FONT = 'Noto Sans Bold'

export function offlineBasemap(config: AppConfig): Basemap {
  const style = new URL(config.basemap.offlineStyle, location.origin).href
  preload([style, `${location.origin}/fonts/${encodeURIComponent(OFFLINE_LABEL_FONT)}/0-255.pbf`])
  return { kind: 'offline', style }
}

/**
 * Starts fetching the offline style and the Latin glyphs of its labels now, while the map
 * library loads, rather than after it has read the style and laid out the first tiles: the
 * glyphs would otherwise wait behind the tiles for a connection. MapLibre's own requests
 * (same-origin fetches) then take the preloaded responses.
 */
function preload(urls: string[]): void {
  for (const href of urls) {
    if (
      [...document.head.querySelectorAll('link[rel="preload"]')].some(
        (l) => (l as HTMLLinkElement).href === href,
      )
    )
      continue
    const link = document.createElement('link')
    link.rel = 'preload'
    link.as = 'fetch'
    link.crossOrigin = 'anonymous'
    link.href = href
    document.head.append(link)
  }
}

function looksLikeStyle(s: unknown): s is StyleSpecification {
  const style = s as Partial<StyleSpecification> | null
  return style?.version === 8 && typeof style.sources === 'object' && Array.isArray(style.layers)
}

/** Never rejects: any failure of the online style (network, timeout, bad JSON) means offline. */
export async function chooseBasemap(config: AppConfig): Promise<Basemap> {
  const url = config.basemap.style
  if (url === 'offline') return offlineBasemap(config)
  try {
    const style = await getStyle(url, { timeoutMs: ONLINE_STYLE_TIMEOUT_MS })
    if (looksLikeStyle(style)) return { kind: 'online', style }
    console.warn(`basemap: ${url} is not a MapLibre style: using the offline basemap`)
  } catch (err) {
    console.warn(
      `basemap: ${url} did not answer (${(err as Error).message}): using the offline basemap`,
    )
  }
  return offlineBasemap(config)
}

/**
 * Whether a map 'error' comes from the basemap (its tiles, sprite or glyphs) rather than from one
 * of the app's own sources: only those make the viewer switch to the offline basemap.
 */
export function isBasemapError(e: ErrorEvent & { sourceId?: string }, own: ReadonlySet<string>) {
  // A resource from elsewhere (tiles, sprite, glyphs: even those our labels use) is the
  // basemap's: the app's own data always comes from this server.
  const url = (e.error as { url?: unknown } | undefined)?.url
  if (typeof url === 'string' && new URL(url, location.href).origin !== location.origin) return true
  return e.sourceId !== undefined && !own.has(e.sourceId)
}
