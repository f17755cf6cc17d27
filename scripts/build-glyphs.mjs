#!/usr/bin/env node
// Builds the MapLibre GL glyph PBFs of the offline basemap from the Noto Sans
// TTFs in fixtures/basemap/fonts-src/ (SIL OFL 1.1, see OFL.txt there).
//
//   node scripts/build-glyphs.mjs           # (re)generate, then verify
//   node scripts/build-glyphs.mjs --check   # only verify the existing files
//
// Output: fixtures/basemap/fonts/<font stack>/<start>-<end>.pbf, served for a
// style's `glyphs: ".../{fontstack}/{range}.pbf"`.
//
// The files follow the glyphs.proto schema that MapLibre reads
// (fontstacks { name, range, glyphs { id, bitmap, width, height, left, top,
// advance } }) and the conventions of Mapbox's node-fontnik/sdf-glyph-foundry,
// which MapLibre's shaping is calibrated for:
//   - glyphs are laid out at 24 px per em, no hinting;
//   - width/height/left are the glyph's outline bounding box in whole pixels;
//     top is the box's top above the baseline minus 25 (fontnik's fixed
//     baseline offset);
//   - bitmap is a (width + 2*3) x (height + 2*3) signed distance field, one
//     byte a pixel, rows top to bottom: 255 - clamp(d * 256/8 + 0.25 * 256),
//     where d is the distance in pixels to the outline (radius 8), negative
//     inside, so the outline lies at 191, where MapLibre's shader puts the edge.
// Outlines come from opentype.js; the distance is measured exactly against the
// flattened outline (as sdf-glyph-foundry does), rather than from a rasterised
// bitmap, so no canvas is needed. Encoding and decoding use pbf.
//
// The output is deterministic: re-running on the same fonts gives identical files.

import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import opentype from 'opentype.js'
import { PbfReader, PbfWriter } from 'pbf'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SRC_DIR = join(ROOT, 'fixtures/basemap/fonts-src')
const OUT_DIR = join(ROOT, 'fixtures/basemap/fonts')

/** Font stack name (as written in a style's `text-font`) -> source TTF. */
const FONTS = [
  { stack: 'Noto Sans Regular', file: 'NotoSans-Regular.ttf' },
  { stack: 'Noto Sans Bold', file: 'NotoSans-Bold.ttf' },
  { stack: 'Noto Sans Italic', file: 'NotoSans-Italic.ttf' },
]

/**
 * 256-code-point blocks, by their first code point: Basic Latin + Latin-1,
 * Latin Extended-A/B, IPA + spacing/combining diacritics, Greek, Latin
 * Extended Additional + Greek Extended, General Punctuation + currency (€).
 */
const RANGE_STARTS = [0, 256, 512, 768, 7936, 8192]

const FONT_SIZE = 24 // px per em
const BUFFER = 3 // px of SDF padding around each glyph (MapLibre's GLYPH_PBF_BORDER)
const RADIUS = 8 // px of distance covered by the 0..255 range
const CUTOFF = 0.25 // fraction of the range kept for the inside
const BASELINE_TOP = 25 // fontnik: top = bbox top - 25 at 24 px
const FLATTEN_TOLERANCE = 0.02 // px, max distance between a curve and its polyline

/** Characters that must come out with a visible glyph, for the check. */
const REQUIRED = ['A', 'à', 'è', 'ì', 'ò', 'ù', 'É', '’', '‘', '“', '”', '–', '—', '€', '…']

const rangeName = (start) => `${start}-${start + 255}`

// ---------------------------------------------------------------------------
// Outline -> polylines

/** Flattens opentype.js path commands (font units, y up) into closed rings in px. */
function outlineToRings(commands, scale) {
  const rings = []
  let ring = null
  let x0 = 0
  let y0 = 0
  const close = () => {
    if (ring && ring.length > 2) {
      const [fx, fy] = ring[0]
      const [lx, ly] = ring[ring.length - 1]
      if (fx !== lx || fy !== ly) ring.push([fx, fy])
      rings.push(ring)
    }
    ring = null
  }
  for (const c of commands) {
    if (c.type === 'M') {
      close()
      x0 = c.x * scale
      y0 = c.y * scale
      ring = [[x0, y0]]
      continue
    }
    if (c.type === 'Z') {
      close()
      continue
    }
    if (!ring) ring = [[x0, y0]]
    const x = c.x * scale
    const y = c.y * scale
    if (c.type === 'L') {
      ring.push([x, y])
    } else if (c.type === 'Q') {
      const x1 = c.x1 * scale
      const y1 = c.y1 * scale
      // Max deviation of a quadratic from its chord's subdivision: |p0 - 2p1 + p2| / 4 / n².
      const dd = Math.hypot(x0 - 2 * x1 + x, y0 - 2 * y1 + y) / 4
      const n = Math.max(1, Math.ceil(Math.sqrt(dd / FLATTEN_TOLERANCE)))
      for (let i = 1; i <= n; i++) {
        const t = i / n
        const u = 1 - t
        ring.push([
          u * u * x0 + 2 * u * t * x1 + t * t * x,
          u * u * y0 + 2 * u * t * y1 + t * t * y,
        ])
      }
    } else if (c.type === 'C') {
      const x1 = c.x1 * scale
      const y1 = c.y1 * scale
      const x2 = c.x2 * scale
      const y2 = c.y2 * scale
      const dd =
        (Math.max(
          Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2),
          Math.hypot(x1 - 2 * x2 + x, y1 - 2 * y2 + y),
        ) *
          3) /
        4
      const n = Math.max(1, Math.ceil(Math.sqrt(dd / FLATTEN_TOLERANCE)))
      for (let i = 1; i <= n; i++) {
        const t = i / n
        const u = 1 - t
        ring.push([
          u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x,
          u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y,
        ])
      }
    } else {
      throw new Error(`unexpected path command ${c.type}`)
    }
    x0 = x
    y0 = y
  }
  close()
  return rings
}

// ---------------------------------------------------------------------------
// Signed distance field

/** Squared distance from (px, py) to segment (ax, ay)-(bx, by). */
function segmentDistanceSq(px, py, ax, ay, bx, by) {
  const dx = bx - ax
  const dy = by - ay
  const l2 = dx * dx + dy * dy
  let t = l2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / l2
  t = t < 0 ? 0 : t > 1 ? 1 : t
  const ex = ax + t * dx - px
  const ey = ay + t * dy - py
  return ex * ex + ey * ey
}

/**
 * Renders one glyph as fontnik does. Returns the PBF glyph fields (without id);
 * a glyph with no outline (e.g. a space) gets width = height = 0 and no bitmap.
 */
function renderGlyph(glyph, unitsPerEm) {
  const scale = FONT_SIZE / unitsPerEm
  const advance = Math.max(0, Math.round((glyph.advanceWidth ?? 0) * scale))
  const rings = outlineToRings(glyph.path.commands, scale)
  const empty = { width: 0, height: 0, left: 0, top: -BASELINE_TOP, advance, bitmap: null }
  if (rings.length === 0) return empty

  let xMin = Infinity
  let yMin = Infinity
  let xMax = -Infinity
  let yMax = -Infinity
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < xMin) xMin = x
      if (x > xMax) xMax = x
      if (y < yMin) yMin = y
      if (y > yMax) yMax = y
    }
  }
  xMin = Math.round(xMin)
  yMin = Math.round(yMin)
  xMax = Math.round(xMax)
  yMax = Math.round(yMax)
  const width = xMax - xMin
  const height = yMax - yMin
  if (width <= 0 || height <= 0) return empty

  // Segments as flat arrays: ax, ay, bx, by, then their bounding boxes for culling.
  const segs = []
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      segs.push(ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1])
    }
  }
  const nSegs = segs.length / 4

  const bw = width + 2 * BUFFER
  const bh = height + 2 * BUFFER
  const bitmap = new Uint8Array(bw * bh)
  const radiusSq = RADIUS * RADIUS
  for (let row = 0; row < bh; row++) {
    // Pixel centres, in the outline's coordinates (y up; row 0 is the top).
    const py = yMax + BUFFER - row - 0.5
    for (let col = 0; col < bw; col++) {
      const px = xMin - BUFFER + col + 0.5
      let best = radiusSq
      let winding = 0
      for (let s = 0; s < nSegs; s++) {
        const ax = segs[4 * s]
        const ay = segs[4 * s + 1]
        const bx = segs[4 * s + 2]
        const by = segs[4 * s + 3]
        // Non-zero winding number (TrueType's fill rule), by a ray towards +x.
        if (ay <= py) {
          if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) winding++
        } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) {
          winding--
        }
        // Skip segments whose box is farther than the current best distance.
        const gx = Math.max(Math.min(ax, bx) - px, px - Math.max(ax, bx), 0)
        const gy = Math.max(Math.min(ay, by) - py, py - Math.max(ay, by), 0)
        if (gx * gx + gy * gy >= best) continue
        const d2 = segmentDistanceSq(px, py, ax, ay, bx, by)
        if (d2 < best) best = d2
      }
      let d = Math.sqrt(best) * (256 / RADIUS)
      if (winding !== 0) d = -d
      d += CUTOFF * 256
      const n = d > 255 ? 255 : d < 0 ? 0 : Math.trunc(d)
      bitmap[row * bw + col] = 255 - n
    }
  }

  return { width, height, left: xMin, top: yMax - BASELINE_TOP, advance, bitmap }
}

// ---------------------------------------------------------------------------
// PBF encoding / decoding (glyphs.proto)

function writeGlyph(g, pbf) {
  pbf.writeVarintField(1, g.id)
  if (g.bitmap) pbf.writeBytesField(2, g.bitmap)
  pbf.writeVarintField(3, g.width)
  pbf.writeVarintField(4, g.height)
  pbf.writeSVarintField(5, g.left)
  pbf.writeSVarintField(6, g.top)
  pbf.writeVarintField(7, g.advance)
}

function writeFontstack(fs, pbf) {
  pbf.writeStringField(1, fs.name)
  pbf.writeStringField(2, fs.range)
  for (const g of fs.glyphs) pbf.writeMessage(3, writeGlyph, g)
}

function encodeGlyphs(name, range, glyphs) {
  const pbf = new PbfWriter()
  pbf.writeMessage(1, writeFontstack, { name, range, glyphs })
  return pbf.finish()
}

/** Decodes a glyph PBF into [{ name, range, glyphs: [{ id, bitmap, ... }] }]. */
function decodeGlyphs(buf) {
  const readGlyph = (tag, g, pbf) => {
    if (tag === 1) g.id = pbf.readVarint()
    else if (tag === 2) g.bitmap = pbf.readBytes()
    else if (tag === 3) g.width = pbf.readVarint()
    else if (tag === 4) g.height = pbf.readVarint()
    else if (tag === 5) g.left = pbf.readSVarint()
    else if (tag === 6) g.top = pbf.readSVarint()
    else if (tag === 7) g.advance = pbf.readVarint()
  }
  const readFontstack = (tag, fs, pbf) => {
    if (tag === 1) fs.name = pbf.readString()
    else if (tag === 2) fs.range = pbf.readString()
    else if (tag === 3) {
      fs.glyphs.push(
        pbf.readMessage(readGlyph, {
          id: 0,
          bitmap: null,
          width: 0,
          height: 0,
          left: 0,
          top: 0,
          advance: 0,
        }),
      )
    }
  }
  return new PbfReader(buf).readFields((tag, stacks, pbf) => {
    if (tag === 1) stacks.push(pbf.readMessage(readFontstack, { name: '', range: '', glyphs: [] }))
  }, [])
}

// ---------------------------------------------------------------------------

function build() {
  rmSync(OUT_DIR, { recursive: true, force: true })
  for (const { stack, file } of FONTS) {
    const data = readFileSync(join(SRC_DIR, file))
    const font = opentype.parse(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    )
    const dir = join(OUT_DIR, stack)
    mkdirSync(dir, { recursive: true })
    let count = 0
    for (const start of RANGE_STARTS) {
      const glyphs = []
      for (let cp = start; cp <= start + 255; cp++) {
        const index = font.charToGlyphIndex(String.fromCodePoint(cp))
        if (!index) continue // not in the font's cmap (index 0 is .notdef)
        glyphs.push({ id: cp, ...renderGlyph(font.glyphs.get(index), font.unitsPerEm) })
      }
      writeFileSync(
        join(dir, `${rangeName(start)}.pbf`),
        encodeGlyphs(stack, rangeName(start), glyphs),
      )
      count += glyphs.length
    }
    console.log(`${stack}: ${count} glyphs in ${RANGE_STARTS.length} ranges (${file})`)
  }
}

function check() {
  const problems = []
  let total = 0
  for (const { stack } of FONTS) {
    const byId = new Map()
    for (const start of RANGE_STARTS) {
      const name = rangeName(start)
      const path = join(OUT_DIR, stack, `${name}.pbf`)
      const buf = readFileSync(path)
      total += buf.length
      const stacks = decodeGlyphs(buf)
      if (stacks.length !== 1 || stacks[0].name !== stack || stacks[0].range !== name) {
        problems.push(`${path}: expected one fontstack "${stack}" range ${name}`)
        continue
      }
      for (const g of stacks[0].glyphs) {
        if (g.id < start || g.id > start + 255)
          problems.push(`${path}: glyph ${g.id} outside its range`)
        const size = g.width > 0 ? (g.width + 2 * BUFFER) * (g.height + 2 * BUFFER) : 0
        if ((g.bitmap?.length ?? 0) !== size) {
          problems.push(
            `${path}: glyph ${g.id} bitmap ${g.bitmap?.length ?? 0} bytes, expected ${size}`,
          )
        }
        byId.set(g.id, g)
      }
    }
    for (const ch of REQUIRED) {
      const g = byId.get(ch.codePointAt(0))
      if (!g) problems.push(`${stack}: no glyph for ${ch}`)
      else if (!(g.width > 0 && g.height > 0 && g.advance > 0 && g.bitmap.some((v) => v >= 192))) {
        problems.push(`${stack}: glyph for ${ch} is empty`)
      }
    }
    const space = byId.get(0x20)
    if (!space || space.advance <= 0) problems.push(`${stack}: no advancing space`)
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`build-glyphs: ${p}`)
    process.exit(1)
  }
  const listed = readdirSync(OUT_DIR).sort().join(', ')
  console.log(`ok: ${listed}; ${FONTS.length * RANGE_STARTS.length} files, ${total} bytes`)
}

if (!process.argv.includes('--check')) build()
check()
