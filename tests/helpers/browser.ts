// Chromium for the browser tests, and a watch on each page: every request it makes, the ones
// that would leave this machine (aborted here, so a test never touches the network), console
// errors and uncaught exceptions.
import type { Map as MapLibreMap } from 'maplibre-gl'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'

/** The page's globals the tests read (the repository's tsconfig for tests has no DOM types). */
export type AppWindow = { __intrecci: { map: MapLibreMap } }

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

export interface ConsoleEntry {
  text: string
  url: string
}

export interface Watched {
  context: BrowserContext
  page: Page
  /** Every URL requested, in order. */
  requests: string[]
  /** Requests for anything but this machine: all aborted. */
  external: string[]
  /** External requests that got an answer anyway (must stay empty). */
  fulfilled: string[]
  consoleErrors: ConsoleEntry[]
  consoleWarnings: ConsoleEntry[]
  pageErrors: string[]
}

function isLocal(url: string): boolean {
  const u = new URL(url)
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]'
}

export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options })
  const w: Watched = {
    context,
    page: undefined as unknown as Page,
    requests: [],
    external: [],
    fulfilled: [],
    consoleErrors: [],
    consoleWarnings: [],
    pageErrors: [],
  }
  await context.route('**/*', (route) => {
    const url = route.request().url()
    return isLocal(url) ? route.continue() : route.abort('internetdisconnected')
  })
  context.on('request', (r) => {
    w.requests.push(r.url())
    if (!isLocal(r.url())) w.external.push(r.url())
  })
  context.on('requestfinished', (r) => {
    if (!isLocal(r.url())) w.fulfilled.push(r.url())
  })
  const page = await context.newPage()
  page.on('console', (m) => {
    const entry = { text: m.text(), url: m.location().url }
    if (m.type() === 'error') w.consoleErrors.push(entry)
    if (m.type() === 'warning') w.consoleWarnings.push(entry)
  })
  page.on('pageerror', (e) => w.pageErrors.push(e.message))
  w.page = page
  return w
}

/** The performance mark MapView sets when the map is first ready (see READY_MARK there). */
const READY_MARK = 'intrecci:map-ready'

/**
 * Opens the app and waits for the map's first 'idle' with the areas loaded (data-ready).
 * Resolves with the time from navigation start to then, in ms, as the page measured it.
 */
export async function openMap(page: Page, url: string, timeoutMs = 45_000): Promise<number> {
  await page.goto(url)
  await page.waitForSelector('.map[data-ready="true"]', { state: 'attached', timeout: timeoutMs })
  return page.evaluate(
    (mark) => Math.round(performance.getEntriesByName(mark)[0]?.startTime ?? NaN),
    READY_MARK,
  )
}

/** `runs` visits of `url`, each in a new page (no cache): navigation → map ready (openMap), ms. */
export async function idleTimes(
  browser: Browser,
  url: string,
  runs: number,
  timeoutMs = 180_000,
): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    times.push(await openMap(page, url, timeoutMs))
    await page.close()
  }
  return times
}

/** Distinct ids of the features of a layer drawn in the viewport (GeoJSON tiles repeat them). */
export function renderedIds(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layer) => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const ids = map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.id))
    return [...new Set(ids)]
  }, layer)
}

/** Waits until the camera is still and every tile is drawn. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (globalThis as unknown as AppWindow).__intrecci.map
        if (!map.isMoving() && map.loaded()) resolve()
        else map.once('idle', () => resolve())
      }),
  )
}
