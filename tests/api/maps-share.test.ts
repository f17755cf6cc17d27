// Sharing a map: GeoJSON export with the legend, GeoJSON import (validated, limits applied,
// all or nothing), and the round trip between the two. On PGlite, and on the PostGIS server
// when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '../helpers/db.ts'
import { call } from './auth-fixtures.ts'
import {
  body,
  createMap,
  draw,
  line,
  mapsTestApp,
  point,
  square,
  type FeatureJson,
  type MapJson,
  type MapsTest,
} from './maps-fixtures.ts'

interface Exported {
  type: string
  name: string
  legend: MapJson['legend']
  features: (FeatureJson & { properties: FeatureJson['properties'] & { color: string } })[]
}

describe.each(backends())('GeoJSON export and import on %s', (backend) => {
  let m: MapsTest
  let source: MapJson
  let exported: Exported
  const fac = () => ({ cookie: m.people.facilitator })
  beforeAll(async () => {
    m = await mapsTestApp(backend)
    source = await createMap(m, {
      title: 'Orbassano, la piazza',
      visibility: 'unlisted',
      legend: [
        {
          key: 'panchina',
          label: 'panchina amica',
          color: '#1b9e77',
          emoji: '🪑',
          kinds: ['point'],
        },
        { key: 'strada-buia', label: 'strada buia', color: '#d95f02', kinds: ['line', 'polygon'] },
        { key: 'testo', label: 'scritta', color: '#333333', kinds: ['label'] },
      ],
    })
    await draw(m, fac(), source.id, {
      kind: 'point',
      symbol: 'panchina',
      title: 'Sotto il tiglio',
      story: 'Ci si trova la sera.',
      geometry: point(7.5361234, 45.0071234),
    })
    await draw(m, fac(), source.id, {
      kind: 'line',
      symbol: 'strada-buia',
      geometry: line([7.536, 45.007], [7.537, 45.008]),
    })
    await draw(m, fac(), source.id, {
      kind: 'polygon',
      symbol: 'strada-buia',
      mode: 'freehand',
      geometry: square(7.538, 45.006),
    })
    await draw(m, fac(), source.id, {
      kind: 'label',
      symbol: 'testo',
      title: 'Piazza Umberto I',
      geometry: point(7.5365, 45.0075),
    })
    const res = await call(m.t.app, 'GET', `/api/maps/${source.id}/export.geojson`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="intrecci-mappa-orbassano-la-piazza\.geojson"/,
    )
    exported = await body<Exported>(res)
  })
  afterAll(() => m?.close())

  const features = async (mapId: string) =>
    (
      await body<{ features: FeatureJson[] }>(
        await call(m.t.app, 'GET', `/api/maps/${mapId}/features`, { cookie: m.people.facilitator }),
      )
    ).features

  const importInto = (mapId: string, file: unknown, query = '', type = 'application/json') =>
    call(m.t.app, 'POST', `/api/maps/${mapId}/import${query}`, {
      cookie: m.people.facilitator,
      contentType: type,
      raw: JSON.stringify(file),
    })

  it('exports the drawings with the legend, styled for other tools', () => {
    expect(exported.type).toBe('FeatureCollection')
    expect(exported.name).toBe('Orbassano, la piazza')
    expect(exported.legend.map((s) => s.key)).toEqual(['panchina', 'strada-buia', 'testo'])
    expect(exported.features).toHaveLength(4)
    expect(exported.features[0]!.properties).toMatchObject({
      symbol: 'panchina',
      color: '#1b9e77',
      title: 'Sotto il tiglio',
      story: 'Ci si trova la sera.',
    })
  })

  it('imports the export into another map: same drawings, legend merged', async () => {
    const target = await createMap(m, { template: 'libera' })
    const res = await importInto(target.id, exported, '', 'application/geo+json')
    expect(res.status).toBe(201)
    expect(await body(res)).toMatchObject({
      imported: 4,
      symbolsAdded: ['panchina', 'strada-buia', 'testo'],
    })
    const got = await features(target.id)
    const shape = (fs: FeatureJson[]) =>
      fs.map((f) => [f.properties.kind, f.properties.symbol, f.properties.title, f.geometry])
    expect(shape(got)).toEqual(shape(await features(source.id)))
    const map = await body<MapJson>(
      await call(m.t.app, 'GET', `/api/maps/${target.id}`, { cookie: m.people.facilitator }),
    )
    expect(map.legend.map((s) => s.key)).toEqual([
      'segno',
      'scritta',
      'panchina',
      'strada-buia',
      'testo',
    ])
  })

  it('imports nothing when one feature is refused, naming it', async () => {
    const target = await createMap(m)
    const bad = structuredClone(exported)
    bad.features[2]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [7.68, 45.07],
          [7.69, 45.08],
          [7.69, 45.07],
          [7.68, 45.08],
          [7.68, 45.07],
        ],
      ],
    }
    bad.features[3]!.properties.symbol = 'nessuno'
    const res = await importInto(target.id, bad)
    expect(res.status).toBe(422)
    const e = await body<{ error: { code: string; details: { field: string }[] } }>(res)
    expect(e.error.code).toBe('import_refused')
    expect(e.error.details.map((d) => d.field)).toEqual([
      'features.2.geometry',
      'features.3.symbol',
    ])
    expect(await features(target.id)).toEqual([])
    const map = await body<MapJson>(
      await call(m.t.app, 'GET', `/api/maps/${target.id}`, { cookie: m.people.facilitator }),
    )
    expect(map.legend.map((s) => s.key)).not.toContain('panchina')
  })

  it('takes plain GeoJSON from elsewhere with a symbol for all, and applies the limits', async () => {
    const target = await createMap(m)
    const plain = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'da QGIS' }, geometry: point(7.68, 45.07) },
      ],
    }
    const without = await importInto(target.id, plain)
    expect(without.status).toBe(422)
    const ok = await importInto(target.id, plain, '?symbol=casa')
    expect(ok.status).toBe(201)
    const many = {
      type: 'FeatureCollection',
      features: Array.from({ length: 5000 }, () => ({
        type: 'Feature',
        properties: { symbol: 'casa' },
        geometry: point(7.68, 45.07),
      })),
    }
    const over = await importInto(target.id, many)
    expect(over.status).toBe(422)
    expect((await body<{ error: { code: string } }>(over)).error.code).toBe('too_many_features')
    expect(await features(target.id)).toHaveLength(1)
  })

  it('lets only the map’s owner import', async () => {
    const res = await call(m.t.app, 'POST', `/api/maps/${source.id}/import`, {
      cookie: m.people.otherFacilitator,
      body: exported,
    })
    expect(res.status).toBe(403)
  })

  it('does not export a private map to outsiders', async () => {
    const priv = await createMap(m, { visibility: 'private' })
    expect((await call(m.t.app, 'GET', `/api/maps/${priv.id}/export.geojson`)).status).toBe(404)
  })
})
