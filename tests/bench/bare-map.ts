// Bench reference: the same MapLibre in the same Chromium, on a page with nothing else (a style
// of one background layer, no data, no app), from navigation to its first idle. What this machine
// needs to start a WebGL map at all, measured in the run beside the app's figures: headless
// Chromium draws WebGL in software (SwiftShader), and machines of the same kind differ by a factor
// of two in how fast they do it.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { ROOT } from '../helpers/paths.ts'

const DIST = path.join(ROOT, 'node_modules/maplibre-gl/dist')
/** Never resolved: every request to it is answered by the page's route below. */
const ORIGIN = 'http://bare-map.invalid'

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre-gl.css">
<style>html, body, #map { margin: 0; height: 100% }</style></head>
<body><div id="map"></div><script type="module">
import { Map } from '/maplibre-gl.mjs'
const map = new Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'land', type: 'background', paint: { 'background-color': '#f3f1ea' } }] },
  center: [7.68, 45.07],
  zoom: 11,
})
map.once('idle', () => { performance.mark('ready'); document.body.dataset.ready = 'true' })
</script></body></html>`

/** Navigation → idle (ms) of the bare map, one per run, each in a new page (no cache). */
export async function bareMapIdle(browser: Browser, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1)
      if (!name) return route.fulfill({ body: PAGE, contentType: 'text/html' })
      const type = name.endsWith('.css') ? 'text/css' : 'text/javascript'
      return route.fulfill({
        body: fs.readFileSync(path.join(DIST, path.basename(name))),
        contentType: type,
      })
    })
    await page.goto(`${ORIGIN}/`)
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 })
    times.push(await page.evaluate(() => performance.getEntriesByName('ready')[0]!.startTime))
    await page.close()
  }
  return times
}
