// Photos of a story: decoded and re-encoded with sharp (libvips), so what is stored is pixels
// we produced, never the bytes we were sent. On the way: turned upright from the EXIF
// orientation, then every piece of metadata dropped (EXIF with GPS position, camera and time,
// XMP, IPTC, comments, ICC profiles: sharp writes none unless asked, and converts to sRGB),
// scaled down to MAX_SIDE, and a thumbnail made. Anything sharp cannot decode is refused.
import type { Metadata, Sharp, SharpOptions } from 'sharp'
import { ApiError } from '../errors.ts'
import type { PhotoFormat } from './maps.table.ts'

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** Decompression bombs: a small file that decodes to a huge image is refused. */
export const MAX_INPUT_PIXELS = 50_000_000
/** Longest side stored, and of the thumbnail, in pixels. */
export const MAX_SIDE = 2560
export const THUMB_SIDE = 400

export const PHOTO_TYPES: Record<string, PhotoFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
}

export const CONTENT_TYPE: Record<PhotoFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

export interface EncodedImage {
  data: Buffer
  width: number
  height: number
}

export interface ProcessedPhoto {
  format: PhotoFormat
  full: EncodedImage
  thumb: EncodedImage
}

const invalidImage = (reason: string) =>
  new ApiError(422, 'invalid_image', `The photo could not be read: ${reason}`, [
    { field: 'body', message: reason },
  ])

/** libvips, loaded with the first photo: ~20 MB the server need not hold until someone sends
 * one (a server process stays under 200 MB at rest). */
let loading: Promise<typeof import('sharp')> | undefined
async function image(input: Buffer): Promise<Sharp> {
  const sharp = (await (loading ??= import('sharp'))).default
  const options: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }
  return sharp(input, options)
}

function encode(img: Sharp, format: PhotoFormat): Sharp {
  if (format === 'jpeg') return img.jpeg({ quality: 82, mozjpeg: true })
  if (format === 'png') return img.png({ compressionLevel: 9 })
  return img.webp({ quality: 80 })
}

async function render(input: Buffer, format: PhotoFormat, side: number): Promise<EncodedImage> {
  const img = (await image(input))
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
  const { data, info } = await encode(img, format).toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** The photo as it will be stored, or a 4xx ApiError; nothing is written here. */
export async function processPhoto(input: Buffer, contentType: string): Promise<ProcessedPhoto> {
  const declared = PHOTO_TYPES[contentType]
  if (!declared) {
    throw new ApiError(415, 'unsupported_media_type', 'Send a JPEG, PNG or WebP photo', [
      { field: 'Content-Type', message: 'must be image/jpeg, image/png or image/webp' },
    ])
  }
  if (input.length === 0) throw invalidImage('the file is empty')
  let meta: Metadata
  try {
    meta = await (await image(input)).metadata()
  } catch (err) {
    throw invalidImage(reasonOf(err))
  }
  // The bytes decide, not the label: a PNG sent as image/jpeg is refused, so is anything else.
  if (meta.format !== declared) {
    throw invalidImage(`the file is not a ${declared.toUpperCase()} (Content-Type says it is)`)
  }
  try {
    const [full, thumb] = await Promise.all([
      render(input, declared, MAX_SIDE),
      render(input, declared, THUMB_SIDE),
    ])
    return { format: declared, full, thumb }
  } catch (err) {
    throw invalidImage(reasonOf(err))
  }
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  if (/pixel limit/i.test(message)) {
    return `the image is larger than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`
  }
  return 'not a valid JPEG, PNG or WebP image'
}
