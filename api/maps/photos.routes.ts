// Photos of a feature's story: upload (the raw image as the body, ≤ 10 MB), delete, and the
// files themselves, served only to those who may read the map. An upload that fails in any way
// is refused with a 4xx and leaves nothing behind: no file, no row.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { ApiError, notFound } from '../errors.ts'
import { valid } from '../validate.ts'
import { assertCanDraw } from './access.ts'
import { forgetEntityHistory, recordChange } from './changes.repository.ts'
import { findFeature } from './features.repository.ts'
import { mapActor, readableMap, writeMap } from './map-context.ts'
import { toPhoto } from './maps.mapper.ts'
import { featureParam, photoParam } from './maps.schema.ts'
import { photoPath, removePhotoFiles, writePhotoFiles } from './photo-files.ts'
import { CONTENT_TYPE, MAX_PHOTO_BYTES, processPhoto } from './photos.ts'
import {
  countPhotos,
  deletePhoto,
  findPhoto,
  insertPhoto,
  MAX_PHOTOS_PER_FEATURE,
} from './photos.repository.ts'

export const photoBodyLimit = bodyLimit({
  maxSize: MAX_PHOTO_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'The photo is over 10 MB: send a smaller one', [
      { field: 'body', message: 'at most 10 MB' },
    ])
  },
})

const tooManyPhotos = () =>
  new ApiError(
    422,
    'too_many_photos',
    `A drawing keeps at most ${MAX_PHOTOS_PER_FEATURE} photos: remove one first`,
    [{ field: 'photos', message: `at most ${MAX_PHOTOS_PER_FEATURE}` }],
  )

async function servePhoto(
  c: Context<AppEnv>,
  { id, photoId }: { id: string; photoId: string },
  size: 'full' | 'thumb',
) {
  const { map, access } = await readableMap(c, id)
  const photo = await findPhoto(c.var.db, id, photoId)
  const seesAll = access.canManage || access.role === 'moderator'
  if (!photo || (photo.feature_status !== 'published' && !seesAll)) {
    throw notFound('No photo with this id on this map')
  }
  let data: Buffer
  try {
    data = await fs.readFile(photoPath(c.var.config.dataDir, id, photo.id, photo.format, size))
  } catch {
    throw notFound('No photo with this id on this map')
  }
  c.header('Content-Type', CONTENT_TYPE[photo.format])
  // A photo id always names the same bytes: public maps' photos may be cached by anyone,
  // others' only by the browser that may see them.
  c.header(
    'Cache-Control',
    map.visibility === 'public' && map.status === 'published'
      ? 'public, max-age=31536000, immutable'
      : 'private, max-age=3600',
  )
  return c.body(new Uint8Array(data))
}

export const photosRoutes = new Hono<AppEnv>()
  .post(
    '/maps/:id/features/:featureId/photos',
    valid('param', featureParam),
    photoBodyLimit,
    async (c) => {
      const { id, featureId } = c.req.valid('param')
      // Who may and whether there is room, before spending time on the image.
      const { access } = await readableMap(c, id)
      assertCanDraw(access)
      const feature = await findFeature(c.var.db, id, featureId)
      if (!feature || feature.status !== 'published') {
        throw notFound('No feature with this id on this map')
      }
      if ((await countPhotos(c.var.db, featureId)) >= MAX_PHOTOS_PER_FEATURE) throw tooManyPhotos()
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const photo = await processPhoto(Buffer.from(await c.req.arrayBuffer()), type)

      const photoId = randomUUID()
      const dataDir = c.var.config.dataDir
      await writePhotoFiles(dataDir, id, photoId, photo)
      try {
        const saved = await writeMap(c, id, async (tx, _map, access) => {
          assertCanDraw(access)
          if (!(await findFeature(tx, id, featureId))) {
            throw notFound('No feature with this id on this map')
          }
          if ((await countPhotos(tx, featureId)) >= MAX_PHOTOS_PER_FEATURE) throw tooManyPhotos()
          const row = await insertPhoto(tx, {
            id: photoId,
            mapId: id,
            featureId,
            format: photo.format,
            width: photo.full.width,
            height: photo.full.height,
            bytes: photo.full.data.length,
            thumbWidth: photo.thumb.width,
            thumbHeight: photo.thumb.height,
            authorId: c.var.user?.id ?? null,
            participantId: access.participant?.id ?? null,
          })
          const json = toPhoto(id, row)
          await recordChange(tx, {
            mapId: id,
            type: 'photo.added',
            payload: { featureId, photo: json },
            featureId,
            entityId: photoId,
          })
          await audit(tx, {
            actor: mapActor(c, access),
            action: 'map_photo.create',
            target: { kind: 'map_feature', id: featureId },
            after: { photoId, format: photo.format, bytes: photo.full.data.length },
          })
          return json
        })
        c.header('Location', saved.url)
        c.header('Cache-Control', 'no-store')
        return c.json(saved, 201)
      } catch (err) {
        // The row did not land: the files go too.
        await removePhotoFiles(dataDir, id, [{ id: photoId, format: photo.format }])
        throw err
      }
    },
  )
  .delete('/maps/:id/photos/:photoId', valid('param', photoParam), async (c) => {
    const { id, photoId } = c.req.valid('param')
    const removed = await writeMap(c, id, async (tx, _map, access) => {
      assertCanDraw(access)
      const photo = await findPhoto(tx, id, photoId)
      if (!photo || !(await deletePhoto(tx, photoId))) {
        throw notFound('No photo with this id on this map')
      }
      await forgetEntityHistory(tx, photoId)
      await recordChange(tx, {
        mapId: id,
        type: 'photo.deleted',
        payload: { featureId: photo.feature_id, photoId },
        featureId: photo.feature_id,
        entityId: photoId,
      })
      await audit(tx, {
        actor: mapActor(c, access),
        action: 'map_photo.delete',
        target: { kind: 'map_feature', id: photo.feature_id },
        before: { photoId },
      })
      return photo
    })
    await removePhotoFiles(c.var.config.dataDir, id, [removed])
    return c.body(null, 204)
  })
  .get('/maps/:id/photos/:photoId', valid('param', photoParam), (c) =>
    servePhoto(c, c.req.valid('param'), 'full'),
  )
  .get('/maps/:id/photos/:photoId/thumb', valid('param', photoParam), (c) =>
    servePhoto(c, c.req.valid('param'), 'thumb'),
  )
