// The public viewer in Chromium against the real server with its demo content: filters, search,
// the list in sync with the map and operated by keyboard alone, deep links, a phone, and
// axe-core on the viewer and on a detail panel. Nothing leaves this machine.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import {
  launchBrowser,
  openMap,
  renderedIds,
  waitForIdle,
  watchedPage,
  type AppWindow,
  type Watched,
} from '../helpers/browser.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, type RunningServer } from '../helpers/server.ts'

const RESULTS = path.join(ROOT, 'test-results')

/** The few DOM shapes read in the page (the tests' tsconfig has no DOM types). */
interface PageElement {
  dataset: Record<string, string | undefined>
  textContent: string | null
  matches(selector: string): boolean
  getBoundingClientRect(): { height: number }
}
type PageDocument = {
  document: { activeElement: PageElement | null; documentElement: { scrollWidth: number } }
}
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')

let browser: Browser | undefined
let server: RunningServer | undefined
const watched: Watched[] = []

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true })
  await buildWebIfStale()
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
}, 180_000)

afterAll(async () => {
  for (const w of watched) await w.context.close().catch(() => {})
  await browser?.close()
  await server?.stop()
})

async function watch(options?: BrowserContextOptions): Promise<Watched> {
  const w = await watchedPage(browser!, options)
  watched.push(w)
  return w
}

interface Item {
  id: string
  geometry: { coordinates: [number, number] }
  properties: { name: string; category?: string }
}
type Collection = { numberMatched: number; features: Item[] }

async function apiGet<T>(url: string): Promise<T> {
  const res = await fetch(server!.url + url)
  expect(res.status, url).toBe(200)
  return (await res.json()) as T
}

/** What the map draws of places and resources: single points and clusters. */
function drawnPoints(page: Page) {
  return page.evaluate(() => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const layers = ['places-point', 'resources-point', 'places-cluster', 'resources-cluster']
    return map
      .queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) })
      .map((f) => ({
        layer: f.layer.id,
        id: f.properties.id === undefined ? null : String(f.properties.id),
        category: f.properties.category as string | undefined,
        count: f.properties.cluster ? Number(f.properties.count) : 1,
        lngLat: (f.geometry as unknown as { coordinates: [number, number] }).coordinates,
      }))
  })
}

function camera(page: Page) {
  return page.evaluate(() => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const c = map.getCenter()
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() }
  })
}

/** Presses Tab until the focused element matches `selector` (keyboard only, no clicks). */
async function tabTo(page: Page, selector: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (
      await page.evaluate(
        (s) => (globalThis as unknown as PageDocument).document.activeElement?.matches(s) ?? false,
        selector,
      )
    )
      return
    await page.keyboard.press(key)
  }
  throw new Error(`${selector} never got the focus`)
}

const focusedId = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as PageDocument).document.activeElement?.dataset.id ?? null,
  )

/** Serious and critical axe-core violations inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, rightly.
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (selector) => {
    type Result = { id: string; impact: string; nodes: { target: string[] }[] }
    const axe = (
      globalThis as unknown as { axe: { run(c: unknown): Promise<{ violations: Result[] }> } }
    ).axe
    const r = await axe.run({ include: [selector] })
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }, selector)
}

/** The published place with the most others within ~1 km: a view of it lists several. */
async function busiestSpot(): Promise<[number, number]> {
  const all = await apiGet<Collection>('/api/places?limit=1000')
  let best = all.features[0]!.geometry.coordinates
  let most = 0
  for (const f of all.features) {
    const [x, y] = f.geometry.coordinates
    const near = all.features.filter(
      (g) =>
        Math.abs(g.geometry.coordinates[0] - x) < 0.01 &&
        Math.abs(g.geometry.coordinates[1] - y) < 0.006,
    ).length
    if (near > most) [most, best] = [near, f.geometry.coordinates]
  }
  return best
}

function noErrors(w: Omit<Watched, 'page' | 'context'>) {
  expect(w.external).toEqual([])
  expect(w.consoleErrors).toEqual([])
  expect(w.pageErrors).toEqual([])
}

describe('the viewer', { timeout: 120_000 }, () => {
  it('hides the other categories when one is chosen, on the map and in the counts', async () => {
    const { page, ...w } = await watch()
    // The centre of Turin, close enough for the places to be drawn one by one (clusters are
    // 64 px wide) and wide enough to hold many categories.
    await openMap(page, `${server!.url}/?map=13/45.07/7.68&layers=places`)
    await waitForIdle(page)
    const before = await drawnPoints(page)
    const categories = new Set(before.filter((p) => p.category).map((p) => p.category))
    expect(categories.size).toBeGreaterThan(4)

    const places = page.locator('[data-layer="layer-places"]')
    await places.getByRole('button', { name: 'Nessuno' }).click()
    await places.getByRole('checkbox', { name: 'Biblioteca' }).check()
    await expect.poll(() => new URL(page.url()).searchParams.get('cat')).toBe('biblioteca')

    await expect
      .poll(async () => {
        await waitForIdle(page)
        const after = await drawnPoints(page)
        return after.length > 0 && after.every((p) => p.category === 'biblioteca' || p.id === null)
      })
      .toBe(true)
    const after = await drawnPoints(page)
    const drawn = after.reduce((s, p) => s + p.count, 0)
    const libraries = await apiGet<Collection>('/api/places?category=biblioteca&limit=1')
    expect(drawn).toBeGreaterThan(0)
    expect(drawn).toBeLessThanOrEqual(libraries.numberMatched)
    // The count beside the layer is the libraries in view, as the API counts them.
    const bbox = (await page.getByTestId('layers-panel').getAttribute('data-bbox')) ?? ''
    const inView = await apiGet<Collection>(`/api/places?category=biblioteca&limit=1&bbox=${bbox}`)
    await expect
      .poll(() => page.getByTestId('layer-places-count').textContent())
      .toBe(`${inView.numberMatched} nella mappa`)
    noErrors(w)
  })

  it('finds a place typed with the wrong accent, and flies there', async () => {
    const { page, ...w } = await watch()
    await openMap(page, server!.url)
    const target = (await apiGet<Collection>('/api/search?q=segre')) as unknown as {
      places: { id: string; name: string; point: [number, number] }[]
    }
    expect(target.places[0]!.name).toBe('Liceo Scientifico Gobetti Segrè')

    const box = page.getByRole('combobox', { name: 'Cerca luoghi, risorse e aree' })
    await box.fill('gobetti segré')
    const option = page.getByRole('option', { name: /Liceo Scientifico Gobetti Segrè/ })
    await option.waitFor()
    await page.keyboard.press('ArrowDown')
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'))
    await page.keyboard.press('Enter')

    await page.getByRole('heading', { level: 2, name: 'Liceo Scientifico Gobetti Segrè' }).waitFor()
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`place:${target.places[0]!.id}`)
    await waitForIdle(page)
    const c = await camera(page)
    expect(c.zoom).toBeGreaterThanOrEqual(15.9)
    // In the middle of the map that the panel leaves free (the panel is 384 px on the left).
    const at = await page.evaluate((p) => {
      const map = (globalThis as unknown as AppWindow).__intrecci.map
      return map.project(p)
    }, target.places[0]!.point)
    const canvas = (await page.locator('.map canvas').boundingBox())!
    expect(Math.abs(at.x - (canvas.width + 396) / 2)).toBeLessThan(30)
    expect(Math.abs(at.y - canvas.height / 2)).toBeLessThan(30)
    noErrors(w)
  })

  it('lists what the map shows, and works with the keyboard alone', async () => {
    const { page, ...w } = await watch()
    const [lon, lat] = await busiestSpot()
    await openMap(page, `${server!.url}/?map=15/${lat}/${lon}&layers=places,resources&tab=list`)
    await waitForIdle(page)
    const list = page.getByTestId('list-view')
    await expect.poll(() => list.locator('button[data-row]').count()).toBeGreaterThan(2)
    // Wait for the list of this exact view (it follows the camera once it rests).
    await expect
      .poll(async () => (await list.getAttribute('data-bbox'))?.length ?? 0)
      .toBeGreaterThan(0)

    const bbox = (await list.getAttribute('data-bbox'))!.split(',').map(Number)
    const [west, south, east, north] = bbox as [number, number, number, number]
    const inside = ([x, y]: [number, number]) => x >= west && x <= east && y >= south && y <= north
    const drawn = (await drawnPoints(page)).filter((p) => inside(p.lngLat))
    expect(drawn.filter((p) => p.id === null)).toEqual([]) // no clusters at this zoom
    const rows = await list
      .locator('button[data-row]:not([data-kind="area"])')
      .evaluateAll((bs) => bs.map((b) => (b as unknown as PageElement).dataset.id!))
    expect(new Set(rows)).toEqual(new Set(drawn.map((p) => p.id)))
    expect(rows.length).toBe(drawn.length)

    // Keyboard only: Tab into the list, arrows between rows, Enter opens, Esc comes back.
    await page.locator('body').focus()
    await tabTo(page, 'button[data-row]')
    expect(await focusedId(page)).toBe(
      rows.length ? await list.locator('button[data-row]').first().getAttribute('data-id') : null,
    )
    const ids = await list
      .locator('button[data-row]')
      .evaluateAll((bs) => bs.map((b) => (b as unknown as PageElement).dataset.id!))
    await page.keyboard.press('ArrowDown')
    expect(await focusedId(page)).toBe(ids[1])
    await page.keyboard.press('End')
    expect(await focusedId(page)).toBe(ids.at(-1))
    await page.keyboard.press('Home')
    expect(await focusedId(page)).toBe(ids[0])
    await page.keyboard.press('ArrowDown')
    const name = (await page.evaluate(
      () => (globalThis as unknown as PageDocument).document.activeElement!.textContent,
    ))!.trim()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 2, name }).waitFor()
    expect(new URL(page.url()).searchParams.get('sel')).toContain(ids[1]!)
    await page.keyboard.press('Escape')
    await page.getByRole('heading', { level: 2, name }).waitFor({ state: 'detached' })
    await expect.poll(() => focusedId(page)).toBe(ids[1])

    // Sorting, by keyboard too: back up to the column headers, "Distanza".
    await tabTo(page, 'th.distance button', 'Shift+Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => list.locator('th[aria-sort="ascending"]').getAttribute('class'))
      .toContain('distance')
    const metres = await list.locator('td.distance').evaluateAll((tds) =>
      (tds as unknown as PageElement[]).map((td) => {
        const [v, unit] = td.textContent!.trim().replace(/\./g, '').replace(',', '.').split(' ')
        return Number(v) * (unit === 'km' ? 1000 : 1)
      }),
    )
    expect(metres).toEqual([...metres].sort((a, b) => a - b))
    expect(new URL(page.url()).searchParams.get('sort')).toBe('distance')
    noErrors(w)
  })

  it('restores the view, layers, filters and selection from a link, and Back undoes', async () => {
    const { page, ...w } = await watch()
    const place = (await apiGet<Collection>('/api/places?category=scuola&limit=1')).features[0]!
    const link =
      `/?map=13.5/45.06/7.68&layers=places,areas,signals&cat=biblioteca,scuola&kind=zone` +
      `&ind=pop_75_plus_2021&sel=place:${place.id}&tab=layers`
    await openMap(page, server!.url + link)
    await page.getByRole('heading', { level: 2, name: place.properties.name }).waitFor()
    await waitForIdle(page)

    const check = async () => {
      const c = await camera(page)
      expect(c.zoom).toBeCloseTo(13.5, 2)
      expect(c.lat).toBeCloseTo(45.06, 4)
      expect(c.lon).toBeCloseTo(7.68, 4)
      const url = new URL(page.url())
      expect(Object.fromEntries(url.searchParams)).toEqual(
        Object.fromEntries(new URL(server!.url + link).searchParams),
      )
      const layers = await page.evaluate(() => {
        const map = (globalThis as unknown as AppWindow).__intrecci.map
        const ids = [
          'places-point',
          'resources-point',
          'signals-fill',
          'areas-fill',
          'areas-choropleth',
        ]
        return ids.filter((id) => map.getLayer(id))
      })
      expect(layers).toEqual(['places-point', 'signals-fill', 'areas-fill', 'areas-choropleth'])
      const tiles = await page.evaluate(() => {
        const map = (globalThis as unknown as AppWindow).__intrecci.map
        return (map.getSource('places') as unknown as { tiles: string[] }).tiles[0]
      })
      expect(tiles).toContain('category=biblioteca,scuola')
    }
    await check()

    // Esc closes the place (a step Back undoes); the layers panel shows the link's choices.
    await page.keyboard.press('Escape')
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBeNull()
    const panel = page.getByTestId('layers-panel')
    expect(await panel.getByRole('checkbox', { name: 'Scuola' }).isChecked()).toBe(true)
    expect(await panel.getByRole('checkbox', { name: 'Biblioteca' }).isChecked()).toBe(true)
    expect(await panel.getByRole('checkbox', { name: 'Casa del quartiere' }).isChecked()).toBe(
      false,
    )
    expect(await panel.getByRole('radio', { name: 'Zone statistiche' }).isChecked()).toBe(true)
    expect(await panel.getByLabel('Colora le aree per').inputValue()).toBe('pop_75_plus_2021')
    const legend = page.getByTestId('choropleth-legend')
    expect(await legend.locator('tbody tr').count()).toBeGreaterThanOrEqual(5)
    await page.goBack()
    await page.getByRole('heading', { level: 2, name: place.properties.name }).waitFor()

    // A reload shows exactly the same.
    await openMap(page, page.url())
    await page.getByRole('heading', { level: 2, name: place.properties.name }).waitFor()
    await waitForIdle(page)
    await check()

    // No area is outlined while a place is the selection.
    for (const layer of ['areas-selected-casing', 'areas-selected-line']) {
      expect(await renderedIds(page, layer), layer).toEqual([])
    }

    // An area as the selection, with its figures, outlined on the map: that area alone.
    await openMap(page, `${server!.url}/?sel=area:zone-09bis`)
    await page.getByRole('heading', { level: 2, name: 'Parco del Valentino' }).waitFor()
    await waitForIdle(page)
    for (const layer of ['areas-selected-casing', 'areas-selected-line']) {
      expect(await renderedIds(page, layer), layer).toEqual(['zone-09bis'])
    }
    noErrors(w)
  })

  it('works on a 360 px phone: the map, the sheet with the list, a place', async () => {
    const { page, ...w } = await watch({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    await openMap(page, server!.url)
    const sheet = page.getByTestId('side-panel')
    await page.getByRole('tab', { name: 'Elenco' }).tap()
    const list = page.getByTestId('list-view')
    // The whole list (the counts alone asked for one item of each kind).
    await expect.poll(() => list.locator('button[data-row]').count()).toBeGreaterThan(5)
    const first = list.locator('button[data-row][data-kind="place"]').first()
    await first.waitFor()
    const name = (await first.textContent())!.trim()
    await first.tap()
    await page.getByRole('heading', { level: 2, name }).waitFor()
    await waitForIdle(page)

    const s = (await sheet.boundingBox())!
    const map = (await page.locator('.map').boundingBox())!
    expect(s.x).toBe(0)
    expect(s.width).toBe(360)
    expect(s.y + s.height).toBeCloseTo(740, 0)
    expect(map.y + map.height).toBeLessThanOrEqual(s.y + 1)
    expect(map.height).toBeGreaterThan(200)
    // Nothing wider than the screen, and every button a finger can hit.
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageDocument).document.documentElement.scrollWidth,
      ),
    ).toBeLessThanOrEqual(360)
    const small = await sheet
      .locator('button:visible')
      .evaluateAll((bs) =>
        (bs as unknown as PageElement[])
          .filter((b) => b.getBoundingClientRect().height < 36)
          .map((b) => b.textContent?.trim()),
      )
    expect(small).toEqual([])
    await page.screenshot({ path: path.join(RESULTS, 'viewer-phone.png') })
    noErrors(w)
  })

  it('has no serious or critical axe-core violation on the viewer, the list and a detail panel', async () => {
    const { page, ...w } = await watch()
    await openMap(page, server!.url)
    await waitForIdle(page)
    expect(await axeViolations(page, 'body')).toEqual([])
    await page.screenshot({ path: path.join(RESULTS, 'viewer.png') })

    await page.getByRole('tab', { name: 'Elenco' }).click()
    await page.getByTestId('list-view').locator('button[data-row]').first().waitFor()
    expect(await axeViolations(page, 'body')).toEqual([])

    // A resource: opening hours, contacts, who it is for, last verified, the conversation.
    const resource = (await apiGet<Collection>('/api/resources?theme=food&limit=1')).features[0]!
    await openMap(page, `${server!.url}/?sel=resource:${resource.id}`)
    await page.getByRole('heading', { level: 2, name: resource.properties.name }).waitFor()
    const detail = page.getByTestId('detail')
    await detail.getByRole('heading', { name: 'Orari' }).waitFor()
    await detail.getByRole('heading', { name: 'Per chi è' }).waitFor()
    await detail.getByRole('button', { name: /Segnala/ }).waitFor()
    await detail.getByRole('button', { name: 'Condividi' }).waitFor()
    expect(await detail.getByTestId('verified').textContent()).toMatch(/\d{4}$/)
    await waitForIdle(page)
    expect(await axeViolations(page, 'body')).toEqual([])
    await page.screenshot({ path: path.join(RESULTS, 'viewer-detail.png') })
    noErrors(w)
  })
})
