// Shared by the maps' browser tests (tests/e2e/maps*.e2e.test.ts): a real server with an admin
// and a facilitator, maps made through the API, and a Chromium page on a map with helpers to
// draw on it with the mouse as a person would.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net, { type AddressInfo } from 'node:net'
import type { APIRequestContext, Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { DrawnCollection, MapInfo } from '../../web/src/api/maps-types.ts'
import { watchedPage, type AppWindow, type Watched } from '../helpers/browser.ts'
import type { RunningServer } from '../helpers/server.ts'
import {
  ADMIN,
  invitedAccount,
  ok,
  PASSWORD,
  signedInApi,
  startServerWithAdmin,
} from './accounts-fixtures.ts'

export interface MapsServer {
  server: RunningServer
  admin: APIRequestContext
  facilitator: APIRequestContext
}

/** The server (no demo content, no write limits: the tests write quickly) and its people. */
export async function startMapsServer(): Promise<MapsServer> {
  const server = await startServerWithAdmin({
    DEMO_CONTENT: 'off',
    RATE_LIMIT_ANON_WRITES: '0',
    RATE_LIMIT_USER_WRITES: '0',
    RATE_LIMIT_CLIENT_WRITES: '0',
  })
  const admin = await signedInApi(server.url, ADMIN)
  const facilitator = await invitedAccount(server.url, admin, 'facilitator', {
    email: 'facilitatrice@example.org',
    password: PASSWORD,
    displayName: 'Franca',
  })
  return { server, admin, facilitator }
}

export function newMap(api: APIRequestContext, fields: Record<string, unknown> = {}) {
  return ok<MapInfo>(api.post('/api/maps', { data: { title: 'Via Nizza', ...fields } }))
}

export function features(api: APIRequestContext, mapId: string) {
  return ok<DrawnCollection>(api.get(`/api/maps/${mapId}/features`))
}

/** A page on a map, signed in as `as` (an API client's cookies) or anonymous, at `view`. */
export async function openMapPage(
  browser: Browser,
  url: string,
  as: APIRequestContext | null,
  view: { center: [number, number]; zoom: number } | null = null,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Watched> {
  const storageState = as ? await as.storageState() : undefined
  const w = await watchedPage(browser, { ...options, ...(storageState ? { storageState } : {}) })
  await w.page.goto(url)
  await w.page.waitForSelector('.map[data-ready="true"]', { state: 'attached', timeout: 45_000 })
  if (view) {
    await w.page.evaluate((v) => {
      const map = (globalThis as unknown as AppWindow).__intrecci.map
      map.jumpTo(v)
    }, view)
    await idle(w.page)
  }
  return w
}

export async function idle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (globalThis as unknown as AppWindow).__intrecci.map
        if (map.loaded() && !map.isMoving()) resolve()
        else map.once('idle', () => resolve())
      }),
  )
}

/** Screen position (page px) of a point of the map. */
export async function screenAt(page: Page, lngLat: [number, number]): Promise<[number, number]> {
  const box = (await page.locator('.map canvas').boundingBox())!
  const p = await page.evaluate((ll) => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const q = map.project(ll)
    return [q.x, q.y] as [number, number]
  }, lngLat)
  return [box.x + p[0], box.y + p[1]]
}

/** One click of the mouse at a point of the map, moving there first as a hand would. */
export async function clickMap(page: Page, lngLat: [number, number]) {
  const [x, y] = await screenAt(page, lngLat)
  await page.mouse.move(x, y, { steps: 4 })
  await page.mouse.down()
  await page.mouse.up()
  await page.waitForTimeout(120)
}

/** Picks a tool and clicks the given points; with `close`, clicks the last point again (lines)
 * or the first (polygons) to finish, as the hints on screen say. */
export async function drawWith(
  page: Page,
  tool: 'point' | 'linestring' | 'polygon',
  points: [number, number][],
) {
  await page.click(`[data-tool="${tool}"]`)
  for (const p of points) await clickMap(page, p)
  if (tool === 'linestring') await clickMap(page, points[points.length - 1]!)
  if (tool === 'polygon') await clickMap(page, points[0]!)
}

/** Waits for the drawing panel of a new drawing (saved) and returns its id. */
export async function savedDrawing(page: Page, known: Set<string>): Promise<string> {
  const handle = await page.waitForFunction(
    (ids) => {
      // The tests' TypeScript has no DOM types: the one call needed, typed here.
      type Doc = { querySelector(s: string): { getAttribute(n: string): string | null } | null }
      const el = (globalThis as unknown as { document: Doc }).document.querySelector(
        '[data-testid="feature-panel"]',
      )
      const id = el?.getAttribute('data-id')
      return id && !ids.includes(id) ? id : null
    },
    [...known],
    { timeout: 10_000 },
  )
  const id = (await handle.jsonValue()) as string
  known.add(id)
  return id
}

/** The drawings MapLibre draws, with the properties the style reads. */
export function renderedDrawings(page: Page) {
  return page.evaluate(() => {
    const map = (globalThis as unknown as AppWindow).__intrecci.map
    const layers = [
      'drawings-fill',
      'drawings-line',
      'drawings-point',
      'drawings-icon',
      'drawings-label',
    ].filter((id) => map.getLayer(id))
    const seen = new Map<string, { id: string; kind: string; symbol: string; color: string }>()
    for (const f of map.queryRenderedFeatures({ layers })) {
      const p = f.properties as { id: string; kind: string; symbol: string; color: string }
      seen.set(p.id, { id: p.id, kind: p.kind, symbol: p.symbol, color: p.color })
    }
    return [...seen.values()]
  })
}

export function expectNoErrors(w: Watched) {
  expect(w.pageErrors).toEqual([])
  expect(w.external).toEqual([])
  expect(w.fulfilled).toEqual([])
}

/**
 * A TCP proxy in front of the server whose connections can be cut, as a flaky Wi-Fi would:
 * `cut()` drops every open connection and refuses new ones until `restore()`. A page that uses
 * the proxy's URL loses its live stream for real (Chromium's offline emulation leaves an open
 * EventSource alone).
 */
export class FlakyLink {
  readonly url: string
  readonly #server: net.Server
  readonly #state: { down: boolean; open: Set<net.Socket> }

  private constructor(
    server: net.Server,
    state: { down: boolean; open: Set<net.Socket> },
    url: string,
  ) {
    this.#server = server
    this.#state = state
    this.url = url
  }

  static async to(target: string): Promise<FlakyLink> {
    const { hostname, port } = new URL(target)
    const state = { down: false, open: new Set<net.Socket>() }
    const server = net.createServer((client) => {
      if (state.down) return client.destroy()
      const upstream = net.connect(Number(port), hostname)
      for (const socket of [client, upstream]) {
        state.open.add(socket)
        socket.on('close', () => state.open.delete(socket))
        socket.on('error', () => socket.destroy())
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port: own } = server.address() as AddressInfo
    return new FlakyLink(server, state, `http://127.0.0.1:${own}`)
  }

  cut(): void {
    this.#state.down = true
    for (const socket of this.#state.open) socket.destroy()
  }

  restore(): void {
    this.#state.down = false
  }

  close(): Promise<void> {
    this.cut()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')

/** Serious and critical axe-core violations inside `selector`. */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
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
