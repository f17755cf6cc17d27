// The web app in Chromium against the real server: the map and its areas, the panel reached by
// pointer and by keyboard, the English switch, the fallbacks to the offline basemap, the phone
// layout. Nothing leaves this machine: every other request is aborted and recorded.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, type RunningServer } from '../helpers/server.ts'
import {
  launchBrowser,
  openMap,
  renderedIds,
  waitForIdle,
  watchedPage,
  type AppWindow,
  type Watched,
} from '../helpers/browser.ts'

const RESULTS = path.join(ROOT, 'test-results')
const FILL = 'areas-fill'
/** An online style URL that can never answer (RFC 6761: .invalid never resolves). */
const UNREACHABLE_STYLE = 'https://tiles.example.invalid/style.json'
/** EPSG:4326, inside Turin's centre: zone, district and municipality all have an area there. */
const PIAZZA_CASTELLO: [number, number] = [7.6856, 45.0712]

let browser: Browser | undefined
let server: RunningServer | undefined
let onlineServer: RunningServer | undefined
const watched: Watched[] = []

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true })
  await buildWebIfStale()
  ;[server, onlineServer, browser] = await Promise.all([
    startServer(),
    startServer({ env: { BASEMAP_STYLE_URL: UNREACHABLE_STYLE } }),
    launchBrowser(),
  ])
}, 180_000)

afterAll(async () => {
  for (const w of watched) await w.context.close().catch(() => {})
  await browser?.close()
  await Promise.all([server?.stop(), onlineServer?.stop()])
})

async function watch(options?: BrowserContextOptions): Promise<Watched> {
  const w = await watchedPage(browser!, options)
  watched.push(w)
  return w
}

/** The screen point of a place (CSS px in the map) and the area drawn there. */
function areaAt(page: Page, lngLat: [number, number]) {
  return page.evaluate((lngLat) => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const p = map.project(lngLat)
    const f = map.queryRenderedFeatures(p, { layers: ['areas-fill'] })[0]
    const name = String(f?.properties.name)
    return { x: p.x, y: p.y, name, population: Number(f?.properties.population) }
  }, lngLat)
}

async function renderedOfKind(page: Page, kind: string): Promise<number> {
  return (await renderedIds(page, FILL)).filter((id) => id.startsWith(`${kind}-`)).length
}

/**
 * Console errors other than Chromium's own "Failed to load resource" line for a request this
 * test aborted (an outside one). The app itself logs none: it warns which basemap it chose.
 */
function unexpectedErrors(w: Pick<Watched, 'consoleErrors' | 'external'>) {
  return w.consoleErrors.filter(
    (e) => !(e.text.startsWith('Failed to load resource') && w.external.includes(e.url)),
  )
}

const itGrouped = (n: number) => new Intl.NumberFormat('it-IT', { useGrouping: 'always' }).format(n)

describe('the map', { timeout: 60_000 }, () => {
  it('draws the areas on the offline basemap, fetching nothing from outside', async () => {
    const { page, ...w } = await watch()
    const ms = await openMap(page, server!.url)
    console.log(`[e2e] navigation → data-ready (first idle with the areas): ${ms} ms`)

    expect(await page.locator('.map').getAttribute('data-basemap')).toBe('offline')
    const ids = await renderedIds(page, FILL)
    expect(ids).toContain('municipality-001272')
    expect(ids.length).toBe(7)
    const attribution = await page.locator('.maplibregl-ctrl-attrib-inner').textContent()
    for (const source of ['OpenStreetMap', 'ISTAT', 'openpolis', 'aperTO', 'Pinto 2023']) {
      expect(attribution).toContain(source)
    }
    await page.screenshot({ path: path.join(RESULTS, 'map.png') })

    const warm = await openMap(page, server!.url)
    console.log(`[e2e] the same, reloaded with a warm cache: ${warm} ms`)

    expect(w.requests.some((u) => u.includes('/fonts/Noto%20Sans'))).toBe(true)
    expect(w.external).toEqual([])
    expect(w.consoleErrors).toEqual([])
    expect(w.pageErrors).toEqual([])
  })

  it('shows the zones, and an area chosen on the map or from the list, in IT and EN', async () => {
    const { page, ...w } = await watch()
    // The areas alone: a tap must land on an area, not on a place drawn over it.
    await openMap(page, `${server!.url}/?layers=areas`)

    await page.getByRole('radio', { name: 'Zone statistiche' }).check()
    // The camera moves to Turin, which the 94 zones cover.
    await expect.poll(() => renderedOfKind(page, 'zone'), { timeout: 20_000 }).toBeGreaterThan(90)
    await waitForIdle(page)

    // Pointer: the zone under Piazza Castello.
    const hit = await areaAt(page, PIAZZA_CASTELLO)
    expect(hit.name).not.toBe('undefined')
    await page.locator('.map canvas').click({ position: { x: hit.x, y: hit.y } })
    const panel = page.getByRole('complementary', { name: 'Pannello della mappa' })
    await panel.getByRole('heading', { level: 2, name: hit.name }).waitFor()
    expect(await panel.locator('.population dd').textContent()).toBe(itGrouped(hit.population))
    await page.keyboard.press('Escape')
    await panel.getByRole('heading', { level: 2, name: hit.name }).waitFor({ state: 'detached' })

    // Keyboard: the list of areas in the layers panel, then Esc closes the details.
    await page.getByLabel('Scegli un’area').selectOption('zone-09bis')
    const heading = panel.getByRole('heading', { level: 2, name: 'Parco del Valentino' })
    await heading.waitFor()
    await panel.getByRole('rowheader', { name: 'Residenti con 75 anni e più (2021)' }).waitFor()
    await page.keyboard.press('Escape')
    await heading.waitFor({ state: 'detached' })

    // English, everywhere: the switch, the panel, <html lang>, MapLibre's controls.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('radio', { name: 'Statistical zones' }).waitFor()
    expect(await page.getByRole('radio', { name: 'Municipalities' }).count()).toBe(1)
    expect(await page.getByRole('radio', { name: 'Districts' }).count()).toBe(1)
    expect(await page.getByLabel('Choose an area').count()).toBe(1)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in')

    expect(w.external).toEqual([])
    expect(w.consoleErrors).toEqual([])
    expect(w.pageErrors).toEqual([])
  })

  it('works on a 360 px phone, with the area details in a bottom sheet', async () => {
    const { page, ...w } = await watch({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    await openMap(page, `${server!.url}/?layers=areas`)
    expect((await renderedIds(page, FILL)).length).toBe(7)
    expect(await page.locator('.maplibregl-ctrl-attrib.maplibregl-compact').count()).toBe(1)

    // The sheet starts folded under the map; its layers tab has the kinds of area.
    await page.getByRole('tab', { name: 'Livelli' }).tap()
    await page.getByRole('radio', { name: 'Circoscrizioni' }).check()
    await page.getByRole('tab', { name: 'Mappa' }).tap()
    await expect.poll(() => renderedOfKind(page, 'district'), { timeout: 20_000 }).toBe(8)
    await waitForIdle(page)
    const hit = await areaAt(page, PIAZZA_CASTELLO)
    const canvas = (await page.locator('.map canvas').boundingBox())!
    await page.touchscreen.tap(canvas.x + hit.x, canvas.y + hit.y)
    const panel = page.getByRole('complementary', { name: 'Pannello della mappa' })
    await panel.getByRole('heading', { level: 2, name: hit.name }).waitFor()

    // A bottom sheet: full width, at the bottom, under the map (not over it).
    const sheet = (await panel.boundingBox())!
    const map = (await page.locator('.map').boundingBox())!
    expect(sheet.x).toBe(0)
    expect(sheet.width).toBe(360)
    expect(sheet.y + sheet.height).toBeCloseTo(740, 0)
    expect(map.y + map.height).toBeLessThanOrEqual(sheet.y + 1)
    expect(map.height).toBeGreaterThan(200)
    await waitForIdle(page)
    await page.screenshot({ path: path.join(RESULTS, 'map-phone.png') })

    expect(w.external).toEqual([])
    expect(w.consoleErrors).toEqual([])
    expect(w.pageErrors).toEqual([])
  })
})

describe('the build', () => {
  it('keeps the JavaScript loaded by index.html under 400 KB gzip', () => {
    const dist = path.join(ROOT, 'dist/web')
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    const bytes = scripts.map((s) => zlib.gzipSync(fs.readFileSync(path.join(dist, s))).length)
    const total = bytes.reduce((a, b) => a + b, 0)
    console.log(`[e2e] initial JS: ${scripts.join(' + ')} = ${(total / 1024).toFixed(1)} KB gzip`)
    expect(total).toBeLessThanOrEqual(400 * 1024)
  })
})

describe('the fallback to the offline basemap', { timeout: 60_000 }, () => {
  it('happens when the online style cannot be reached', async () => {
    const { page, ...w } = await watch()
    await openMap(page, onlineServer!.url)

    expect(await page.locator('.map').getAttribute('data-basemap')).toBe('offline')
    expect((await renderedIds(page, FILL)).length).toBe(7)
    // The online style was asked for, aborted, and nothing from outside ever answered.
    expect(w.external).toContain(UNREACHABLE_STYLE)
    expect(w.external.every((u) => new URL(u).hostname === 'tiles.example.invalid')).toBe(true)
    expect(w.fulfilled).toEqual([])
    expect(unexpectedErrors(w)).toEqual([])
    expect(w.pageErrors).toEqual([])
  })

  it('happens when the online style hangs past its 2.5 s timeout', async () => {
    const { page, ...w } = await watch()
    await page.route(UNREACHABLE_STYLE, () => {}) // held, never answered
    await openMap(page, onlineServer!.url)

    expect(await page.locator('.map').getAttribute('data-basemap')).toBe('offline')
    expect((await renderedIds(page, FILL)).length).toBe(7)
    expect(w.fulfilled).toEqual([])
    expect(w.consoleWarnings.map((e) => e.text).join('\n')).toContain('in 2500 ms')
    expect(unexpectedErrors(w)).toEqual([])
    expect(w.pageErrors).toEqual([])
  })

  it('happens when the online style loads but its tiles fail', async () => {
    const { page, ...w } = await watch()
    const style = {
      version: 8,
      glyphs: 'https://tiles.example.invalid/fonts/{fontstack}/{range}.pbf',
      sources: {
        openmaptiles: {
          type: 'vector',
          tiles: ['https://tiles.example.invalid/tiles/{z}/{x}/{y}.pbf'],
          maxzoom: 14,
        },
      },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#eee' } },
        { id: 'roads', type: 'line', source: 'openmaptiles', 'source-layer': 'transportation' },
      ],
    }
    // Only the style answers; its tiles are aborted like every other outside request.
    await page.route(UNREACHABLE_STYLE, (route) =>
      route.fulfill({ json: style, headers: { 'Access-Control-Allow-Origin': '*' } }),
    )
    await openMap(page, onlineServer!.url)

    expect(await page.locator('.map').getAttribute('data-basemap')).toBe('offline')
    expect((await renderedIds(page, FILL)).length).toBe(7)
    expect(w.fulfilled).toEqual([UNREACHABLE_STYLE])
    // It did start online: the switch came after its tiles failed.
    const tiles = w.external.filter((u) => u.startsWith('https://tiles.example.invalid/tiles/'))
    expect(tiles.length).toBeGreaterThan(0)
    expect(w.consoleWarnings.map((e) => e.text).join('\n')).toContain('the online style failed')
    expect(unexpectedErrors(w)).toEqual([])
    expect(w.pageErrors).toEqual([])
  })
})
