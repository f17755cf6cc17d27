// Unconventional maps in Chromium against the real server: a facilitator draws a polygon, a line
// and a point with the mouse, each with a legend symbol, and after a reload they are there with
// their symbols; an edit made on a stale version is refused, shown as a conflict and merged;
// story mode steps through the chosen drawings; the embed page can be framed by another site
// and the map page cannot. Screenshots (desktop and 360 px) go to test-results/.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { APIRequestContext, Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DrawnFeature, MapInfo } from '../../web/src/api/maps-types.ts'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { launchBrowser, type AppWindow, type Watched } from '../helpers/browser.ts'
import { ROOT } from '../helpers/paths.ts'
import { ok } from './accounts-fixtures.ts'
import { XSS_PAYLOADS } from './xss-payloads.ts'
import {
  axeViolations,
  drawWith,
  expectNoErrors,
  features,
  idle,
  newMap,
  openMapPage,
  renderedDrawings,
  savedDrawing,
  screenAt,
  startMapsServer,
  type MapsServer,
} from './maps-fixtures.ts'

const RESULTS = path.join(ROOT, 'test-results')
/** San Salvario, Turin (EPSG:4326): where the group met. */
const CENTER: [number, number] = [7.676, 45.05]
const VIEW = { center: CENTER, zoom: 16 }
const d = (dx: number, dy: number): [number, number] => [CENTER[0] + dx, CENTER[1] + dy]

let browser: Browser | undefined
let s: MapsServer | undefined
const pages: Watched[] = []

beforeAll(async () => {
  await buildWebIfStale()
  ;[browser, s] = await Promise.all([launchBrowser(), startMapsServer()])
  fs.mkdirSync(RESULTS, { recursive: true })
}, 240_000)

afterAll(async () => {
  for (const w of pages) await w.context.close().catch(() => {})
  await browser?.close()
  await s?.server.stop()
})

async function open(url: string, as: APIRequestContext | null, view = VIEW, width = 1280) {
  const w = await openMapPage(browser!, s!.server.url + url, as, view, {
    viewport: { width, height: width < 600 ? 740 : 800 },
  })
  pages.push(w)
  return w
}

async function drawing(map: MapInfo, fields: Record<string, unknown>) {
  return ok<DrawnFeature>(
    s!.facilitator.post(`/api/maps/${map.id}/features`, {
      data: {
        kind: 'point',
        symbol: 'casa',
        geometry: { type: 'Point', coordinates: CENTER },
        ...fields,
      },
    }),
  )
}

describe('drawing a map', { timeout: 180_000 }, () => {
  it('draws a polygon, a line and a point with the mouse; after a reload they are there with their symbols', async () => {
    const map = await newMap(s!.facilitator, {
      title: 'San Salvario di sera',
      visibility: 'public',
    })
    const w = await open(`/mappe/${map.id}`, s!.facilitator)
    const { page } = w
    const made = new Set<string>()

    await drawWith(page, 'polygon', [
      d(-0.003, 0.001),
      d(-0.001, 0.001),
      d(-0.001, -0.0005),
      d(-0.003, -0.0005),
    ])
    const polygon = await savedDrawing(page, made)
    // The new drawing's words, typed in the panel that opened.
    await page.fill('[data-testid="feature-editor"] input:not([type])', 'Il cortile della scuola')
    await page.click('[data-testid="feature-editor"] button[type="submit"]')
    await page.waitForSelector('[data-testid="feature-editor"]', { state: 'detached' })

    await page.click('[data-tool="linestring"]')
    await page.selectOption('[data-testid="draw-symbol"]', 'percorso')
    await drawWith(page, 'linestring', [d(0, -0.001), d(0.0015, -0.0005), d(0.003, -0.0012)])
    const lineId = await savedDrawing(page, made)

    await page.click('[data-tool="point"]')
    await page.selectOption('[data-testid="draw-symbol"]', 'manca')
    await drawWith(page, 'point', [d(0.0015, 0.0012)])
    const pointId = await savedDrawing(page, made)
    await page.click('[data-tool="browse"]')

    const stored = await features(s!.facilitator, map.id)
    const byId = new Map(stored.features.map((f) => [f.id, f]))
    expect(byId.get(polygon)).toMatchObject({
      geometry: { type: 'Polygon' },
      properties: {
        kind: 'polygon',
        symbol: 'casa',
        mode: 'polygon',
        title: 'Il cortile della scuola',
      },
    })
    expect(byId.get(lineId)).toMatchObject({
      geometry: { type: 'LineString' },
      properties: { kind: 'line', symbol: 'percorso' },
    })
    expect(byId.get(pointId)).toMatchObject({
      geometry: { type: 'Point' },
      properties: { kind: 'point', symbol: 'manca' },
    })
    // Where the mouse clicked (within a few pixels at z16), with 7 decimals at most.
    const [lon, lat] = byId.get(pointId)!.geometry.coordinates as number[]
    expect(lon).toBeCloseTo(CENTER[0] + 0.0015, 4)
    expect(lat).toBeCloseTo(CENTER[1] + 0.0012, 4)
    for (const v of [lon!, lat!]) expect(String(v).split('.')[1]!.length).toBeLessThanOrEqual(7)
    await page.screenshot({ path: path.join(RESULTS, 'maps-drawn-desktop.png') })

    await page.reload()
    await page.waitForSelector('.map[data-ready="true"]', { state: 'attached' })
    await page.evaluate((v) => (globalThis as unknown as AppWindow).__intrecci.map.jumpTo(v), VIEW)
    await idle(page)
    const drawn = await renderedDrawings(page)
    const colors = Object.fromEntries(map.legend.map((l) => [l.key, l.color]))
    expect(drawn.map((f) => [f.id, f.kind, f.symbol, f.color]).sort()).toEqual(
      [
        [polygon, 'polygon', 'casa', colors.casa],
        [lineId, 'line', 'percorso', colors.percorso],
        [pointId, 'point', 'manca', colors.manca],
      ].sort(),
    )
    // The drawing open before the reload is open again (it is in the address); closing it
    // shows the list beside the map, which names each drawing with its symbol.
    const panel = page.locator('[data-testid="feature-panel"]')
    expect(await panel.getAttribute('data-id')).toBe(pointId)
    await panel.locator('button.close').click()
    const entries = page.locator('[data-testid="feature-list"] li')
    await expect.poll(() => entries.count()).toBe(3)
    const labels = await page
      .locator('[data-testid="feature-list"] [data-symbol-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol-label')))
    expect(labels.sort()).toEqual(
      ['dove mi sento a casa', 'il mio percorso di ogni giorno', 'qui manca qualcosa'].sort(),
    )
    // The page's own parts (tools, list) pass axe-core, and so does a drawing's panel (the
    // header's account menu is the account pages' and checked there).
    expect(await axeViolations(page, '[data-testid="map-screen"] .body')).toEqual([])
    await page.locator(`[data-testid="feature-list"] li[data-id="${lineId}"] button.entry`).click()
    await page.waitForSelector('[data-testid="feature-panel"]')
    expect(await axeViolations(page, '[data-testid="map-screen"] .body')).toEqual([])
    expectNoErrors(w)

    // The same map on a phone, 360 px wide.
    const phone = await open(`/mappe/${map.id}`, s!.facilitator, VIEW, 360)
    await phone.page.screenshot({ path: path.join(RESULTS, 'maps-drawn-360.png'), fullPage: true })
    expect(await renderedDrawings(phone.page)).toHaveLength(3)
  })

  it('undoes and redoes a drawing, and deletes one only after asking', async () => {
    const map = await newMap(s!.facilitator, { title: 'Ripensamenti', visibility: 'private' })
    const w = await open(`/mappe/${map.id}`, s!.facilitator)
    const { page } = w
    const made = new Set<string>()
    await drawWith(page, 'point', [d(0.001, 0.001)])
    const first = await savedDrawing(page, made)
    await page.click('[data-tool="browse"]')
    const count = async () => (await features(s!.facilitator, map.id)).features.length
    expect(await count()).toBe(1)

    await page.click('[data-testid="undo"]')
    await expect.poll(count).toBe(0)
    await expect.poll(async () => (await renderedDrawings(page)).length).toBe(0)
    await page.keyboard.press('Control+Shift+Z')
    await expect.poll(count).toBe(1)
    const back = (await features(s!.facilitator, map.id)).features[0]!
    expect(back.id).not.toBe(first)
    expect(back.properties.symbol).toBe('casa')
    await expect
      .poll(async () => (await renderedDrawings(page)).map((f) => f.id))
      .toEqual([back.id])

    // Deleting asks first; saying no keeps it.
    await page.locator(`[data-testid="feature-list"] li[data-id="${back.id}"] button.entry`).click()
    await page.click('[data-testid="feature-panel"] .m-btn.danger')
    await page.click('[data-testid="feature-panel"] .confirm .m-btn:not(.danger)')
    expect(await count()).toBe(1)
    await page.click('[data-testid="feature-panel"] .m-btn.danger')
    await page.click('[data-testid="feature-panel"] .confirm .m-btn.danger')
    await expect.poll(count).toBe(0)
    expectNoErrors(w)
  })

  it('refuses an edit made on a stale version, says so, and lets the person merge', async () => {
    const map = await newMap(s!.facilitator, { title: 'Conflitti', visibility: 'unlisted' })
    const f = await drawing(map, {
      title: 'Prima',
      note: 'nota di prima',
      geometry: { type: 'Point', coordinates: CENTER },
    })
    const w = await open(`/mappe/${map.id}?disegno=${f.id}`, s!.facilitator)
    const { page } = w
    const title = page.locator('[data-testid="feature-panel"] h2')
    await expect.poll(() => title.textContent()).toBe('Prima')

    // I start editing; meanwhile someone else (the admin) changes the title.
    await page.click('[data-testid="edit-words"]')
    await page.fill('[data-testid="feature-editor"] input:not([type])', 'Mia')
    await ok(
      s!.admin.patch(`/api/maps/${map.id}/features/${f.id}`, {
        data: { version: 1, title: 'Loro' },
      }),
    )
    // The live stream tells the open form at once.
    await page.waitForSelector('[data-testid="feature-editor"] .notice', { timeout: 2000 })
    await page.click('[data-testid="feature-editor"] button[type="submit"]')
    const dialog = page.locator('[data-testid="conflict-dialog"]')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Loro')
    expect(await dialog.textContent()).toContain('Mia')
    await page.screenshot({ path: path.join(RESULTS, 'maps-conflict.png') })
    let now = await ok<DrawnFeature>(s!.admin.get(`/api/maps/${map.id}/features/${f.id}`))
    expect(now.properties.title).toBe('Loro')

    await page.click('[data-testid="take-theirs"]')
    await expect.poll(() => title.textContent()).toBe('Loro')

    // Again: my title against their note; I keep mine, theirs stays where I changed nothing.
    await page.click('[data-testid="edit-words"]')
    await page.fill('[data-testid="feature-editor"] input:not([type])', 'Mia, di nuovo')
    await ok(
      s!.admin.patch(`/api/maps/${map.id}/features/${f.id}`, {
        data: { version: now.properties.version, note: 'nota loro' },
      }),
    )
    await page.waitForSelector('[data-testid="feature-editor"] .notice', { timeout: 2000 })
    await page.click('[data-testid="feature-editor"] button[type="submit"]')
    await page.click('[data-testid="keep-mine"]')
    await expect.poll(() => title.textContent()).toBe('Mia, di nuovo')
    now = await ok<DrawnFeature>(s!.admin.get(`/api/maps/${map.id}/features/${f.id}`))
    expect(now.properties).toMatchObject({ title: 'Mia, di nuovo', note: 'nota loro', version: 4 })
    expectNoErrors(w)
  })

  it('steps through the chosen drawings in story mode', async () => {
    const map = await newMap(s!.facilitator, { title: 'Il racconto', visibility: 'public' })
    const stops: DrawnFeature[] = []
    for (const [i, [dx, dy]] of [
      [-0.004, 0.002],
      [0, 0],
      [0.004, -0.002],
    ].entries()) {
      stops.push(
        await drawing(map, {
          title: `Tappa ${i + 1}`,
          story: `La storia numero ${i + 1}.`,
          geometry: { type: 'Point', coordinates: d(dx!, dy!) },
        }),
      )
    }
    // A drawing without a story is not a step by default.
    await drawing(map, {
      title: 'Senza storia',
      geometry: { type: 'Point', coordinates: d(0, 0.001) },
    })

    const w = await open(`/mappe/${map.id}`, null)
    const { page } = w
    await page.click('#tab-story')
    await page.click('[data-testid="story-start"]')
    const progress = page.locator('[data-testid="story-progress"]')
    const storyTitle = page.locator('[data-testid="story-title"]')
    await expect.poll(() => progress.textContent()).toContain('1 di 3')
    expect((await storyTitle.textContent())?.trim()).toBe('Tappa 1')
    expect(await page.locator('[data-testid="story-mode"]').textContent()).toContain(
      'La storia numero 1.',
    )
    await page.click('[data-testid="story-next"]')
    await expect.poll(() => progress.textContent()).toContain('2 di 3')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => progress.textContent()).toContain('3 di 3')
    expect((await storyTitle.textContent())?.trim()).toBe('Tappa 3')
    expect(await page.locator('[data-testid="story-next"]').isDisabled()).toBe(true)
    // The map went to the last step: it is on screen, and not under the story's card.
    await idle(page)
    const [x, y] = await screenAt(page, d(0.004, -0.002))
    const canvas = (await page.locator('.map canvas').boundingBox())!
    const card = (await page.locator('[data-testid="story-mode"]').boundingBox())!
    expect(x).toBeGreaterThan(canvas.x)
    expect(x).toBeLessThan(canvas.x + canvas.width)
    expect(y).toBeGreaterThan(canvas.y)
    expect(y).toBeLessThan(canvas.y + canvas.height)
    const underCard =
      x >= card.x && x <= card.x + card.width && y >= card.y && y <= card.y + card.height
    expect(underCard).toBe(false)
    await page.screenshot({ path: path.join(RESULTS, 'maps-story-desktop.png') })
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => progress.textContent()).toContain('2 di 3')

    // A story chosen in the address, in its own order (what a kiosk or a shared link opens).
    const chosen = await open(
      `/mappe/${map.id}?racconto=${stops[2]!.id},${stops[0]!.id}`,
      null,
      VIEW,
      360,
    )
    const p2 = chosen.page.locator('[data-testid="story-progress"]')
    await expect.poll(() => p2.textContent()).toContain('1 di 2')
    expect((await chosen.page.locator('[data-testid="story-title"]').textContent())?.trim()).toBe(
      'Tappa 3',
    )
    await chosen.page.screenshot({ path: path.join(RESULTS, 'maps-story-360.png') })
    expectNoErrors(w)
  })

  it('exports the drawing as GeoJSON with its legend, and as a PNG of the map as shown', async () => {
    const map = await newMap(s!.facilitator, { title: 'Da scaricare', visibility: 'public' })
    await drawing(map, {
      kind: 'polygon',
      title: 'Il giardino',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            d(-0.001, -0.001),
            d(0.001, -0.001),
            d(0.001, 0.001),
            d(-0.001, 0.001),
            d(-0.001, -0.001),
          ],
        ],
      },
    })
    const w = await open(`/mappe/${map.id}`, null)
    const { page } = w
    await page.click('#tab-share')
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-png"]'),
    ])
    expect(png.suggestedFilename()).toBe('da-scaricare.png')
    const image = sharp(await fs.promises.readFile((await png.path())!))
    const canvas = (await page.locator('.map canvas').boundingBox())!
    expect((await image.metadata()).width).toBe(Math.round(canvas.width))
    // Not a blank frame: the drawing's fill and the basemap differ across the picture.
    const { channels } = await image.stats()
    expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(5)

    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[download$=".geojson"]'),
    ])
    const exported = JSON.parse(await fs.promises.readFile((await geojson.path())!, 'utf8')) as {
      legend: { key: string }[]
      features: { properties: { title: string; symbol: string } }[]
    }
    expect(exported.legend.map((l) => l.key)).toEqual(map.legend.map((l) => l.key))
    expect(exported.features.map((f) => [f.properties.title, f.properties.symbol])).toEqual([
      ['Il giardino', 'casa'],
    ])
    expectNoErrors(w)
  })

  it('shows everything people wrote as text: map, legend, drawings, story, embed', async () => {
    // Payloads that fit the fields (a legend label ≤ 80, a title ≤ 200), each a different kind.
    const [title, label, name, story] = [0, 2, 11, 13].map((i) => XSS_PAYLOADS[i]!)
    const map = await newMap(s!.facilitator, {
      title: title!,
      description: XSS_PAYLOADS[4],
      visibility: 'public',
      legend: [{ label, color: '#7570b3', emoji: null, kinds: ['point'] }],
    })
    const f = await drawing(map, { symbol: map.legend[0]!.key, title: name, story })
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    })
    const fired: string[] = []
    const dialogs: string[] = []
    await context.exposeFunction('__xss', (n: unknown) => fired.push(String(n)))
    const page = await context.newPage()
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const safe = async (where: string, texts: string[]) => {
      await page.waitForTimeout(300)
      const injected = await page.evaluate<string[]>(
        `[...document.querySelectorAll('script:not([src]),iframe,object,embed,img[src="x"],[onerror],[onload],[onfocus],[onmouseover]')].map((e) => e.outerHTML.slice(0, 80))`,
      )
      expect(injected, where).toEqual([])
      expect(fired, where).toEqual([])
      expect(dialogs, where).toEqual([])
      const text = await page.evaluate<string>('document.body.innerText')
      expect(
        texts.filter((t) => !text.includes(t)),
        where,
      ).toEqual([])
    }
    try {
      await page.goto(`${s!.server.url}/mappe/${map.id}`)
      await page.waitForSelector('[data-testid="feature-list"] li')
      await safe('map page and list', [title!, label!, name!, XSS_PAYLOADS[4]!])
      await page.click('#tab-legend')
      await safe('legend', [label!])
      await page.goto(`${s!.server.url}/mappe/${map.id}?disegno=${f.id}`)
      await page.waitForSelector('[data-testid="feature-panel"]')
      await safe('drawing panel', [name!, story!])
      await page.goto(`${s!.server.url}/mappe/${map.id}?racconto=1`)
      await page.waitForSelector('[data-testid="story-mode"]')
      await safe('story mode', [name!, story!])
      await page.goto(`${s!.server.url}/mappe`)
      await page.waitForSelector('[data-testid="map-card"]')
      await safe('list of maps', [title!, label!])
      await page.goto(`${s!.server.url}/embed/maps/${map.id}`)
      await page.waitForSelector('.map[data-ready="true"]', { state: 'attached' })
      await safe('embed', [title!])
    } finally {
      await context.close()
    }
  })

  it('lets another site frame the embed view, and not the map page', async () => {
    const map = await newMap(s!.facilitator, { title: 'Da incorporare', visibility: 'unlisted' })
    await drawing(map, { title: 'Qui', geometry: { type: 'Point', coordinates: CENTER } })
    const w = await open(`/mappe/${map.id}`, null)
    const { page } = w
    // A page of another site (another port is another origin) framing both.
    const html = `<!doctype html><title>host</title>
      <iframe id="embed" src="${s!.server.url}/embed/maps/${map.id}" width="600" height="400"></iframe>
      <iframe id="page" src="${s!.server.url}/mappe/${map.id}" width="600" height="400"></iframe>`
    const host = http.createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(html),
    )
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
    const { port } = host.address() as AddressInfo
    try {
      await page.goto(`http://127.0.0.1:${port}/host.html`)
      await page.waitForLoadState('load')
      const embed = page.frameLocator('#embed')
      await embed.locator('.map[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 })
      expect(await embed.locator('h1').textContent()).toBe('Da incorporare')
      const framed = page.frames().find((f) => f.url().includes('/mappe/'))
      // Refused by frame-ancestors 'none': nothing of the app runs in it.
      expect(framed ? await framed.locator('#app').count() : 0).toBe(0)
      expect(page.frames().some((f) => f.url().startsWith('chrome-error:'))).toBe(true)
    } finally {
      host.close()
    }
  })
})
