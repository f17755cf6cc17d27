// Photos of a drawing's story: re-encoded, turned upright, every bit of metadata (GPS included)
// gone from the stored bytes, a thumbnail; refused uploads leave no file and no row; served
// only to those who may read the map. On PGlite, and on the PostGIS server when DATABASE_URL
// is set.
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '../helpers/db.ts'
import { call } from './auth-fixtures.ts'
import {
  body,
  callAs,
  createMap,
  draw,
  join,
  mapsTestApp,
  point,
  type FeatureJson,
  type MapJson,
  type MapsTest,
} from './maps-fixtures.ts'

/** Turin, Piazza Castello, in EXIF's degrees/minutes/seconds rationals. */
const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '45/1 4/1 1234/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '7/1 41/1 1926/100',
}

/** A 40 × 20 JPEG, orientation 6 (shown turned 90°: 20 wide, 40 high), with GPS position,
 * camera and a comment in its EXIF: what a phone sends. */
async function phoneJpeg(): Promise<Buffer> {
  const left = await sharp({
    create: { width: 20, height: 20, channels: 3, background: { r: 220, g: 20, b: 20 } },
  })
    .png()
    .toBuffer()
  return sharp({
    create: { width: 40, height: 20, channels: 3, background: { r: 20, g: 20, b: 220 } },
  })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Make: 'Telefono', Model: 'Segreto 3000', ImageDescription: 'casa mia' },
      IFD3: GPS,
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

/** The tags of a TIFF/EXIF block's IFD0 (enough to find the GPS IFD pointer, tag 0x8825). */
function ifd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6)
  const le = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o))
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o))
  const at = u32(4)
  return Array.from({ length: u16(at) }, (_, i) => u16(at + 2 + i * 12))
}

const GPS_IFD_POINTER = 0x8825
const EXIF_MARKER = Buffer.from('Exif\0\0', 'latin1')

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
}

describe.each(backends())('photos on %s', (backend) => {
  let m: MapsTest
  let priv: MapJson
  let pub: MapJson
  let p: { token: string }
  let feature: FeatureJson
  let pubFeature: FeatureJson
  beforeAll(async () => {
    m = await mapsTestApp(backend)
    priv = await createMap(m, { visibility: 'private' })
    pub = await createMap(m, { visibility: 'public' })
    p = await join(m, priv.id, 'Nina')
    feature = await draw(m, p, priv.id, {
      kind: 'point',
      symbol: 'memoria',
      title: 'La vecchia latteria',
      story: 'Qui mia nonna comprava il latte.',
      geometry: point(7.68, 45.07),
    })
    pubFeature = await draw(m, { cookie: m.people.facilitator }, pub.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.69, 45.07),
    })
  })
  afterAll(() => m?.close())

  const upload = (
    mapId: string,
    featureId: string,
    bytes: Buffer | string,
    type: string,
    who: { token?: string; cookie?: string } = p,
  ) =>
    callAs(m, who, 'POST', `/api/maps/${mapId}/features/${featureId}/photos`, {
      contentType: type,
      raw: bytes as unknown as string,
    })

  const rows = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from map_photos`.execute(m.t.database.db))
      .rows[0]!.n

  it('keeps no GPS position nor any EXIF, and turns the photo upright', async () => {
    const original = await phoneJpeg()
    const meta = await sharp(original).metadata()
    // The test photo does carry what must go.
    expect(meta.orientation).toBe(6)
    expect(ifd0Tags(meta.exif!)).toContain(GPS_IFD_POINTER)

    const res = await upload(priv.id, feature.id, original, 'image/jpeg')
    expect(res.status).toBe(201)
    const photo = await body<{
      id: string
      url: string
      thumbUrl: string
      width: number
      height: number
    }>(res)
    expect([photo.width, photo.height]).toEqual([20, 40])

    const stored = filesUnder(path.join(m.dataDir, 'photos'))
    expect(stored).toHaveLength(2)
    for (const file of stored) {
      const bytes = fs.readFileSync(file)
      expect(bytes.indexOf(EXIF_MARKER), file).toBe(-1)
      expect(bytes.includes(Buffer.from('Segreto 3000')), file).toBe(false)
      expect(bytes.includes(Buffer.from('casa mia')), file).toBe(false)
      const m2 = await sharp(bytes).metadata()
      expect(m2.exif).toBeUndefined()
      expect(m2.xmp).toBeUndefined()
      expect(m2.icc).toBeUndefined()
      expect(m2.orientation).toBeUndefined()
      expect(m2.format).toBe('jpeg')
    }
    // Upright: the red square that was on the left of the sensor is now at the top.
    const served = await callAs(m, p, 'GET', photo.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    const bytes = Buffer.from(await served.arrayBuffer())
    expect(bytes.indexOf(EXIF_MARKER)).toBe(-1)
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([20, 40])
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!
    expect(at(10, 5)).toBeGreaterThan(150) // red channel, top
    expect(at(10, 35)).toBeLessThan(100) // blue below
    const thumb = await callAs(m, p, 'GET', photo.thumbUrl)
    expect(thumb.status).toBe(200)
    // The drawing lists it.
    const f = await body<FeatureJson>(
      await callAs(m, p, 'GET', `/api/maps/${priv.id}/features/${feature.id}`),
    )
    expect(f.properties.photos.map((x) => x.id)).toEqual([photo.id])
  })

  it('serves a private map’s photos to its group only, a public map’s to anyone', async () => {
    const f = await body<FeatureJson>(
      await callAs(m, p, 'GET', `/api/maps/${priv.id}/features/${feature.id}`),
    )
    const url = f.properties.photos[0]!.url
    expect((await call(m.t.app, 'GET', url)).status).toBe(404)
    expect((await call(m.t.app, 'GET', url, { cookie: m.people.resident })).status).toBe(404)
    expect((await call(m.t.app, 'GET', url, { cookie: m.people.facilitator })).status).toBe(200)
    const png = await sharp({
      create: { width: 8, height: 8, channels: 4, background: '#00ff0080' },
    })
      .png()
      .toBuffer()
    const res = await upload(pub.id, pubFeature.id, png, 'image/png', {
      cookie: m.people.facilitator,
    })
    expect(res.status).toBe(201)
    const photo = await body<{ url: string }>(res)
    const open = await call(m.t.app, 'GET', photo.url)
    expect(open.status).toBe(200)
    expect(open.headers.get('content-type')).toBe('image/png')
    expect(open.headers.get('cache-control')).toMatch(/public/)
  })

  it('takes WebP and stores WebP', async () => {
    const webp = await sharp({
      create: { width: 30, height: 10, channels: 3, background: '#336699' },
    })
      .webp()
      .withExif({ IFD3: GPS })
      .toBuffer()
    const res = await upload(priv.id, feature.id, webp, 'image/webp')
    expect(res.status).toBe(201)
    const served = Buffer.from(
      await (await callAs(m, p, 'GET', (await body<{ url: string }>(res)).url)).arrayBuffer(),
    )
    const meta = await sharp(served).metadata()
    expect(meta.format).toBe('webp')
    expect(meta.exif).toBeUndefined()
  })

  it.each([
    ['bytes that are no image', Buffer.from('this is not a photo at all'), 'image/jpeg', 422],
    ['a truncated JPEG', 'TRUNCATED', 'image/jpeg', 422],
    ['a PNG sent as a JPEG', 'PNG', 'image/jpeg', 422],
    ['a GIF', 'GIF', 'image/gif', 415],
    ['an empty body', Buffer.alloc(0), 'image/jpeg', 422],
  ] as const)('refuses %s and keeps nothing', async (_name, input, type, status) => {
    let bytes: Buffer
    if (input === 'TRUNCATED') bytes = (await phoneJpeg()).subarray(0, 300)
    else if (input === 'PNG')
      bytes = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
        .png()
        .toBuffer()
    else if (input === 'GIF')
      bytes = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer()
    else bytes = input
    const filesBefore = filesUnder(m.dataDir).length
    const rowsBefore = await rows()
    const res = await upload(priv.id, feature.id, bytes, type)
    expect(res.status).toBe(status)
    expect((await body<{ error: { code: string } }>(res)).error.code).toMatch(/image|media/)
    expect(filesUnder(m.dataDir)).toHaveLength(filesBefore)
    expect(await rows()).toBe(rowsBefore)
  })

  it('refuses a photo over 10 MB with 413, keeping nothing', async () => {
    const filesBefore = filesUnder(m.dataDir).length
    const rowsBefore = await rows()
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0xff)
    const res = await upload(priv.id, feature.id, big, 'image/jpeg')
    expect(res.status).toBe(413)
    expect(filesUnder(m.dataDir)).toHaveLength(filesBefore)
    expect(await rows()).toBe(rowsBefore)
  })

  it('refuses uploads from those who may not draw, before reading the image', async () => {
    const jpeg = await phoneJpeg()
    const res = await upload(pub.id, pubFeature.id, jpeg, 'image/jpeg', {
      cookie: m.people.resident,
    })
    expect(res.status).toBe(403)
    const outsider = await upload(priv.id, feature.id, jpeg, 'image/jpeg', {})
    expect(outsider.status).toBe(404)
  })

  it('removes the files with the photo, and with the drawing', async () => {
    const f = await draw(m, p, priv.id, {
      kind: 'point',
      symbol: 'casa',
      geometry: point(7.7, 45.07),
    })
    const a = await body<{ id: string }>(
      await upload(priv.id, f.id, await phoneJpeg(), 'image/jpeg'),
    )
    await upload(priv.id, f.id, await phoneJpeg(), 'image/jpeg')
    const dir = path.join(m.dataDir, 'photos', priv.id)
    const before = filesUnder(dir).length
    const del = await callAs(m, p, 'DELETE', `/api/maps/${priv.id}/photos/${a.id}`)
    expect(del.status).toBe(204)
    expect(filesUnder(dir)).toHaveLength(before - 2)
    const gone = await callAs(m, p, 'DELETE', `/api/maps/${priv.id}/features/${f.id}?version=1`)
    expect(gone.status).toBe(204)
    expect(filesUnder(dir)).toHaveLength(before - 4)
  })
})
