// Where photo files live: DATA_DIR/photos/<map id>/<photo id>.<ext> and <photo id>.thumb.<ext>.
// Ids are UUIDs checked by the routes, so paths are never built from free text.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PhotoFormat } from './maps.table.ts'
import type { ProcessedPhoto } from './photos.ts'
import { isUuid } from '../uuid.ts'

const EXT: Record<PhotoFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' }

export function mapPhotoDir(dataDir: string, mapId: string): string {
  if (!isUuid(mapId)) throw new Error(`not a map id: ${mapId}`)
  return path.join(dataDir, 'photos', mapId.toLowerCase())
}

export function photoPath(
  dataDir: string,
  mapId: string,
  photoId: string,
  format: PhotoFormat,
  size: 'full' | 'thumb',
): string {
  if (!isUuid(photoId)) throw new Error(`not a photo id: ${photoId}`)
  const name = `${photoId.toLowerCase()}${size === 'thumb' ? '.thumb' : ''}.${EXT[format]}`
  return path.join(mapPhotoDir(dataDir, mapId), name)
}

/** Writes both files; on any failure removes whatever it wrote and rethrows. */
export async function writePhotoFiles(
  dataDir: string,
  mapId: string,
  photoId: string,
  photo: ProcessedPhoto,
): Promise<void> {
  const full = photoPath(dataDir, mapId, photoId, photo.format, 'full')
  const thumb = photoPath(dataDir, mapId, photoId, photo.format, 'thumb')
  try {
    await fs.mkdir(path.dirname(full), { recursive: true })
    await fs.writeFile(full, photo.full.data, { flag: 'wx' })
    await fs.writeFile(thumb, photo.thumb.data, { flag: 'wx' })
  } catch (err) {
    await removePhotoFiles(dataDir, mapId, [{ id: photoId, format: photo.format }])
    throw err
  }
}

export async function removePhotoFiles(
  dataDir: string,
  mapId: string,
  photos: readonly { id: string; format: PhotoFormat }[],
): Promise<void> {
  for (const p of photos) {
    for (const size of ['full', 'thumb'] as const) {
      await fs.rm(photoPath(dataDir, mapId, p.id, p.format, size), { force: true })
    }
  }
}

export async function removeMapPhotoDir(dataDir: string, mapId: string): Promise<void> {
  await fs.rm(mapPhotoDir(dataDir, mapId), { recursive: true, force: true })
}
