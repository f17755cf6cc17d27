// An unlisted map is for the people who have its link: in Chromium against the real server, the
// list of maps shows the public map and not the unlisted one (nor the private one), the link
// still opens it for a visitor, and neither the `maps` vector tiles nor the OGC API carry its
// drawings, while they carry the public map's.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MapInfo } from '../../web/src/api/maps-types.ts'
import { buildWebIfStale } from '../../scripts/web-build.ts'
import { tileAt } from '../../tiles/tile-math.ts'
import { launchBrowser, watchedPage, type Watched } from '../helpers/browser.ts'
import { ok } from './accounts-fixtures.ts'
import {
  expectNoErrors,
  newMap,
  openMapPage,
  startMapsServer,
  type MapsServer,
} from './maps-fixtures.ts'

/** Borgo Po, Turin (EPSG:4326). */
const SPOT: [number, number] = [7.6975, 45.0585]

let browser: Browser | undefined
let s: MapsServer | undefined
const pages: Watched[] = []
const maps = {} as Record<'public' | 'unlisted' | 'private', MapInfo>
const drawingOf = {} as Record<'public' | 'unlisted' | 'private', string>

beforeAll(async () => {
  await buildWebIfStale()
  ;[browser, s] = await Promise.all([launchBrowser(), startMapsServer()])
  for (const visibility of ['public', 'unlisted', 'private'] as const) {
    maps[visibility] = await newMap(s.facilitator, { title: `Borgo Po ${visibility}`, visibility })
    const f = await ok<{ id: string }>(
      s.facilitator.post(`/api/maps/${maps[visibility].id}/features`, {
        data: {
          kind: 'point',
          symbol: 'memoria',
          title: `Memoria ${visibility}`,
          geometry: { type: 'Point', coordinates: SPOT },
        },
      }),
    )
    drawingOf[visibility] = f.id
  }
}, 240_000)

afterAll(async () => {
  for (const w of pages) await w.context.close().catch(() => {})
  await browser?.close()
  await s?.server.stop()
})

describe('an unlisted map', { timeout: 120_000 }, () => {
  it('is not in the list of maps, yet its link opens it', async () => {
    const w = await watchedPage(browser!)
    pages.push(w)
    await w.page.goto(`${s!.server.url}/mappe`)
    await w.page.waitForSelector('[data-testid="public-maps"] [data-testid="map-card"]')
    const listed = await w.page
      .locator('[data-testid="map-card"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
    expect(listed).toEqual([maps.public.id])
    expect(await w.page.textContent('main')).not.toContain('Borgo Po unlisted')

    const byLink = await openMapPage(browser!, `${s!.server.url}/mappe/${maps.unlisted.id}`, null)
    pages.push(byLink)
    expect(await byLink.page.textContent('h1')).toBe('Borgo Po unlisted')
    expect(await byLink.page.locator('[data-testid="feature-list"] li').count()).toBe(1)
    expectNoErrors(w)
    expectNoErrors(byLink)
  })

  it('is in no vector tile and nowhere in the OGC API', async () => {
    for (const z of [10, 13, 16]) {
      const t = tileAt(...SPOT, z)
      const res = await fetch(`${s!.server.url}/tiles/maps/${z}/${t.x}/${t.y}.mvt`)
      expect(res.status).toBe(200)
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
        .maps!
      const ids = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.id)
      expect(ids, `z${z}`).toEqual([drawingOf.public])
    }
    const items = (await (
      await fetch(`${s!.server.url}/ogc/collections/maps/items?limit=1000`)
    ).json()) as { features: { id: string }[] }
    expect(items.features.map((f) => f.id)).toEqual([drawingOf.public])
    for (const hidden of ['unlisted', 'private'] as const) {
      const one = await fetch(`${s!.server.url}/ogc/collections/maps/items/${drawingOf[hidden]}`)
      expect(one.status).toBe(404)
    }
  })
})
