// Drawing together, live, in two Chromium contexts against the real server: a participant joins
// a private map with the code shown on screen and a pseudonym (no account), then each sees the
// other's drawing within one second, without reloading; after the participant's connection
// drops (a proxy cuts it) and comes back, what was drawn meanwhile arrives once, none missing,
// none twice.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { launchBrowser, watchedPage, type AppWindow, type Watched } from '../helpers/browser.ts'
import { ok } from './accounts-fixtures.ts'
import {
  drawWith,
  expectNoErrors,
  FlakyLink,
  features,
  newMap,
  openMapPage,
  savedDrawing,
  startMapsServer,
  type MapsServer,
} from './maps-fixtures.ts'

const CENTER: [number, number] = [7.6856, 45.0712]
const VIEW = { center: CENTER, zoom: 16 }
const d = (dx: number, dy: number): [number, number] => [CENTER[0] + dx, CENTER[1] + dy]
/** What "live" means in the issue: another person's drawing shows within this (ms). */
const LIVE_MS = 1000

let browser: Browser | undefined
let s: MapsServer | undefined
let link: FlakyLink | undefined
const pages: Watched[] = []

beforeAll(async () => {
  await buildWebIfStale()
  ;[browser, s] = await Promise.all([launchBrowser(), startMapsServer()])
}, 240_000)

afterAll(async () => {
  for (const w of pages) await w.context.close().catch(() => {})
  await browser?.close()
  await link?.close()
  await s?.server.stop()
})

/** Milliseconds from `since` until MapLibre draws the drawing `id` on `page` (checked every
 * frame): what the person looking at the map sees. */
async function msUntilDrawn(page: Page, id: string, since: number): Promise<number> {
  await page.waitForFunction(
    (id) => {
      const map = (globalThis as unknown as AppWindow).__intrecci.map
      const layers = ['drawings-fill', 'drawings-point', 'drawings-icon'].filter((l) =>
        map.getLayer(l),
      )
      return map.queryRenderedFeatures({ layers }).some((f) => f.properties.id === id)
    },
    id,
    { polling: 'raf', timeout: 10_000 },
  )
  return Date.now() - since
}

/** The POST of the next drawing this page saves: resolves when its answer arrives. */
function nextSave(page: Page) {
  return page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/api\/maps\/[^/]+\/features$/.test(r.url()),
  )
}

describe('drawing together', { timeout: 180_000 }, () => {
  // One retry: on CI's two loaded cores a render can now and then slip past the second that the
  // issue asks for; the figure itself is measured by the bench (tests/bench/maps-live.ts).
  it(
    'joins with a code, sees the other’s drawings within a second, and catches up after a drop',
    { retry: 1 },
    async () => {
      const map = await newMap(s!.facilitator, { title: 'Porta Palazzo insieme' })
      const { code } = await ok<{ code: string }>(
        s!.facilitator.post(`/api/maps/${map.id}/code`, { data: {} }),
      )
      const url = `${s!.server.url}/mappe/${map.id}`

      // The facilitator's screen, and a participant who types the code shown on it.
      const a = await openMapPage(browser!, url, s!.facilitator, VIEW)
      pages.push(a)
      // B reaches the server through a link that can be cut.
      link = await FlakyLink.to(s!.server.url)
      const b = await watchedPage(browser!)
      pages.push(b)
      await b.page.goto(`${link.url}/partecipa`)
      await b.page.fill(
        '[data-testid="join-form"] input.code',
        code.toLowerCase().split('').join(' '),
      )
      await b.page.fill('[data-testid="join-form"] input[autocomplete="nickname"]', 'Rosa')
      await b.page.click('[data-testid="join-form"] button[type="submit"]')
      await b.page.waitForURL(`**/mappe/${map.id}`)
      await b.page.waitForSelector('.map[data-ready="true"]', { state: 'attached' })
      await b.page.waitForSelector('[data-testid="live"][data-state="live"]')
      await a.page.waitForSelector('[data-testid="live"][data-state="live"]')
      await b.page.evaluate(
        (v) => (globalThis as unknown as AppWindow).__intrecci.map.jumpTo(v),
        VIEW,
      )
      expect(await b.page.locator('[data-testid="draw-tools"]').count()).toBe(1)

      // A draws an area with the mouse: B sees it within a second of A's save.
      const madeA = new Set<string>()
      let saved = nextSave(a.page)
      await drawWith(a.page, 'polygon', [d(-0.002, 0.001), d(0, 0.001), d(0, -0.001)])
      await saved
      let t0 = Date.now()
      const area = await savedDrawing(a.page, madeA)
      const toB = await msUntilDrawn(b.page, area, t0)
      expect(toB).toBeLessThan(LIVE_MS)

      // B draws a point: A sees it, signed with B's pseudonym, within a second.
      const madeB = new Set<string>()
      saved = nextSave(b.page)
      await drawWith(b.page, 'point', [d(0.0015, 0.0005)])
      const res = await saved
      t0 = Date.now()
      expect(res.status()).toBe(201)
      const spot = await savedDrawing(b.page, madeB)
      const toA = await msUntilDrawn(a.page, spot, t0)
      expect(toA).toBeLessThan(LIVE_MS)
      // In A's list, signed with B's pseudonym.
      await a.page.click('[data-testid="feature-panel"] button.close')
      expect(await a.page.locator(`li[data-id="${spot}"]`).textContent()).toContain('Rosa')

      // B's connection drops; A draws twice meanwhile; B comes back and catches up, once each.
      link.cut()
      await b.page.waitForSelector('[data-testid="live"][data-state="offline"]', {
        timeout: 10_000,
      })
      const later: string[] = []
      for (const p of [d(-0.001, -0.0015), d(0.001, -0.0015)]) {
        saved = nextSave(a.page)
        await drawWith(a.page, 'point', [p])
        await saved
        later.push(await savedDrawing(a.page, madeA))
      }
      link.restore()
      for (const id of later) await msUntilDrawn(b.page, id, Date.now())
      await b.page.waitForSelector('[data-testid="live"][data-state="live"]')
      await b.page.click('[data-testid="feature-panel"] button.close')
      const listed = await b.page
        .locator('[data-testid="feature-list"] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
      const stored = await features(s!.facilitator, map.id)
      expect(listed.sort()).toEqual(stored.features.map((f) => f.id).sort())
      expect(listed).toHaveLength(4)

      console.log(`live: A → B ${toB} ms, B → A ${toA} ms`)
      expectNoErrors(a)
      expectNoErrors(b)
    },
  )
})
