// Builds the offline basemap's sprite sheets (MapLibre style spec, "sprite") from the SVG icons in
// fixtures/basemap/sprites-src/: basemap.json + basemap.png at 1× and basemap@2x.json +
// basemap@2x.png at 2×, into fixtures/basemap/sprites/. Chromium (the one the tests use, through
// playwright-core) rasterises the SVGs, so no image library is needed.
//
//   node --import tsx scripts/build-sprites.ts
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BASE = fileURLToPath(new URL('../fixtures/basemap/', import.meta.url))
const SRC = path.join(BASE, 'sprites-src')
const OUT = path.join(BASE, 'sprites')
const PADDING = 2 // px between icons, at 1×

interface Icon {
  name: string
  svg: string
  width: number
  height: number
}

function readIcons(): Icon[] {
  return fs
    .readdirSync(SRC)
    .filter((f) => f.endsWith('.svg'))
    .sort()
    .map((f) => {
      const svg = fs.readFileSync(path.join(SRC, f), 'utf8')
      const width = Number(/\bwidth="(\d+)"/.exec(svg)?.[1])
      const height = Number(/\bheight="(\d+)"/.exec(svg)?.[1])
      if (!width || !height) throw new Error(`${f}: the <svg> needs integer width and height`)
      return { name: f.slice(0, -4), svg, width, height }
    })
}

const icons = readIcons()
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
})
try {
  const page = await browser.newPage()
  fs.mkdirSync(OUT, { recursive: true })
  for (const ratio of [1, 2]) {
    // Icons side by side, each at its place rounded to whole pixels of this ratio.
    let x = 0
    const index: Record<string, object> = {}
    const placed = icons.map((icon) => {
      const at = { ...icon, x, w: icon.width * ratio, h: icon.height * ratio }
      index[icon.name] = { x, y: 0, width: at.w, height: at.h, pixelRatio: ratio }
      x += at.w + PADDING * ratio
      return at
    })
    const width = x - PADDING * ratio
    const height = Math.max(...placed.map((p) => p.h))
    // A string, evaluated in the page: this file is type-checked without the DOM's types.
    const dataUrl = await page.evaluate<string>(`(async () => {
      const placed = ${JSON.stringify(placed)}
      const canvas = document.createElement('canvas')
      canvas.width = ${width}
      canvas.height = ${height}
      const ctx = canvas.getContext('2d')
      for (const p of placed) {
        const img = new Image()
        img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(p.svg)
        await img.decode()
        ctx.drawImage(img, p.x, 0, p.w, p.h)
      }
      return canvas.toDataURL('image/png')
    })()`)
    const suffix = ratio === 1 ? '' : `@${ratio}x`
    fs.writeFileSync(
      path.join(OUT, `basemap${suffix}.png`),
      Buffer.from(dataUrl.split(',')[1]!, 'base64'),
    )
    fs.writeFileSync(path.join(OUT, `basemap${suffix}.json`), JSON.stringify(index, null, 2) + '\n')
    console.log(`basemap${suffix}: ${icons.length} icons, ${width}×${height} px`)
  }
} finally {
  await browser.close()
}
