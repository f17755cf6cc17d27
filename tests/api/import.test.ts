// Bulk import: CSV and GeoJSON through POST /api/import/…, dry runs, atomic refusal, re-import.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.ts'
import { SYSTEM } from '../../api/audit/audit.ts'
import { BATCH_ROWS, importCsv } from '../../api/import/import.ts'
import { openTestDatabase } from '../helpers/db.ts'
import { authTestApp, call, cookieFor, json, makeUser, type AuthTestApp } from './auth-fixtures.ts'

let t: AuthTestApp
let staff: string
let staffId: string
let resident: string
beforeAll(async () => {
  t = await authTestApp({
    env: {
      RATE_LIMIT_ANON_WRITES: '0',
      RATE_LIMIT_USER_WRITES: '0',
      RATE_LIMIT_CLIENT_WRITES: '0',
    },
  })
  const s = await makeUser(t.db, 'facilitator')
  staffId = s.id
  staff = await cookieFor(t.db, s.id)
  resident = await cookieFor(t.db, (await makeUser(t.db, 'resident')).id)
})
afterAll(() => t?.close())

type Report = {
  rows: number
  valid: number
  written: number
  inserted: number
  updated: number
  unchanged: number
  issueCount: number
  issues: { line: number; field: string; reason: string }[]
}

function upload(app: App, path: string, raw: string, o: { cookie?: string; type?: string } = {}) {
  return call(app, 'POST', path, {
    raw,
    cookie: o.cookie ?? staff,
    contentType: o.type ?? 'text/csv',
  })
}

const count = async (table: 'places' | 'resources', source: string) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('source', '=', source)
        .executeTakeFirstOrThrow()
    ).n,
  )

const RES_HEADER = 'external_id,name,organization,themes,email,audience,languages,lon,lat'

describe('CSV import of resources', () => {
  it('writes a clean file, published, with the importer as author', async () => {
    const csv = [
      RES_HEADER,
      'r1,Banco alimentare,Associazione,food;family,a@example.org,famiglie con minori,it|ar,7.68,45.07',
      'r2,Sportello casa,,housing,,,,7.65,45.05',
    ].join('\n')
    const res = await upload(t.app, '/api/import/resources?source=rete-a', csv)
    expect(res.status).toBe(200)
    const r = await json<Report>(res)
    expect(r).toMatchObject({ rows: 2, valid: 2, inserted: 2, written: 2, issueCount: 0 })
    const row = await t.db
      .selectFrom('resources')
      .select(['status', 'author_id', 'themes', 'languages'])
      .where('external_id', '=', 'r1')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'published',
      author_id: staffId,
      themes: ['food', 'family'],
      languages: ['it', 'ar'],
    })
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', 'import:rete-a')
      .execute()
    expect(audits).toEqual([{ action: 'resource.import' }])
  })

  it('updates on re-import and never duplicates', async () => {
    const v1 = [
      RES_HEADER,
      'x1,Doposcuola,,education,,,,7.68,45.07',
      'x2,Mensa,,food,,,,7.66,45.06',
    ].join('\n')
    await upload(t.app, '/api/import/resources?source=rete-b', v1)
    const v2 = [
      RES_HEADER,
      'x1,Doposcuola del lunedì,,education,,,,7.68,45.07',
      'x2,Mensa,,food,,,,7.66,45.06',
    ].join('\n')
    const r = await json<Report>(await upload(t.app, '/api/import/resources?source=rete-b', v2))
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
    expect(await count('resources', 'rete-b')).toBe(2)
    const row = await t.db
      .selectFrom('resources')
      .select(['name', 'version'])
      .where('external_id', '=', 'x1')
      .where('source', '=', 'rete-b')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Doposcuola del lunedì', version: 2 })
  })

  it('dry run reports line, field and reason and writes nothing', async () => {
    const csv = [
      RES_HEADER,
      'd1,Valida,,food,,,,7.68,45.07',
      'd2,,,food,,,,7.68,45.07',
      'd3,Tema sbagliato,,cibo,,,,7.68,45.07',
      'd4,Invertita,,food,,,,45.07,7.68',
      'd5,Virgola,,food,,,,"7,68",45.07',
      'd1,Doppia,,food,,,,7.68,45.07',
    ].join('\n')
    const res = await upload(t.app, '/api/import/resources?source=dry&dryRun=true', csv)
    expect(res.status).toBe(200)
    const r = await json<Report>(res)
    expect(r.rows).toBe(6)
    expect(r.written).toBe(0)
    const at = (line: number) => r.issues.filter((i) => i.line === line).map((i) => i.field)
    expect(at(3)).toEqual(['name'])
    expect(at(4)).toEqual(['themes.0'])
    expect(at(5)).toEqual(['lon/lat'])
    expect(r.issues.find((i) => i.line === 5)!.reason).toMatch(/swapped/)
    expect(at(6)).toEqual(['lon'])
    expect(at(7)).toEqual(['external_id'])
    expect(await count('resources', 'dry')).toBe(0)
  })

  it('refuses a file with a bad row atomically (422, nothing written)', async () => {
    const rows = [RES_HEADER]
    for (let i = 0; i < 2500; i++) rows.push(`a${i},Risorsa ${i},,other,,,,7.68,45.07`)
    rows.push('bad,Fuori,,other,,,,2.35,48.85')
    const res = await upload(t.app, '/api/import/resources?source=atomic', rows.join('\n'))
    expect(res.status).toBe(422)
    const body = await json<{ error: { code: string; details: Report } }>(res)
    expect(body.error.code).toBe('import_refused')
    expect(body.error.details.issues).toEqual([
      expect.objectContaining({ line: 2502, field: 'lon/lat' }),
    ])
    expect(await count('resources', 'atomic')).toBe(0)
  })

  it('stores CSV-injection cells and unicode as text', async () => {
    const csv = [
      'external_id;name;themes;description;wkt',
      'u1;=HYPERLINK("http://x");other;"Caffè, 日本語 😀 مرحبا";SRID=4326;POINT (7.68 45.07)',
    ].join('\n')
    // ';' delimiter from the header; an unquoted quote mid-cell is not CSV: 400 naming the line.
    const res = await upload(t.app, '/api/import/resources?source=inj', csv)
    expect(res.status).toBe(400)
    const ok = [
      'external_id,name,themes,description,wkt',
      'u1,"=HYPERLINK(""http://x"")",other,"Caffè, 日本語 😀 مرحبا",POINT (7.68 45.07)',
    ].join('\r\n')
    const res2 = await upload(t.app, '/api/import/resources?source=inj', ok)
    expect(res2.status).toBe(200)
    const row = await t.db
      .selectFrom('resources')
      .select(['name', 'description'])
      .where('source', '=', 'inj')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: '=HYPERLINK("http://x")', description: 'Caffè, 日本語 😀 مرحبا' })
  })

  it('reports a bad WKT and missing columns', async () => {
    const bad = [
      'external_id,name,themes,wkt',
      'w1,A,other,LINESTRING (7 45, 8 45)',
      'w2,B,other,POINT (7.68 45.07) x',
    ].join('\n')
    const r = await json<Report>(
      await upload(t.app, '/api/import/resources?source=w&dryRun=1', bad),
    )
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'wkt'],
      [3, 'wkt'],
    ])
    const res = await upload(t.app, '/api/import/resources?source=w', 'external_id,name\nz,A\n')
    expect(res.status).toBe(400)
    expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(/themes/)
  })

  it('numbers lines as an editor does: quoted line breaks and empty lines count', async () => {
    const csv = [
      'external_id,name,themes,description,lon,lat',
      'm1,A,other,"prima riga',
      'seconda riga\r',
      'terza",7.68,45.07',
      '',
      'm2,B,other,,7.68,',
      'm3,C,other,"x ""y""",45.07,7.68',
    ].join('\n')
    const r = await json<Report>(
      await upload(t.app, '/api/import/resources?source=lines&dryRun=true', csv),
    )
    expect(r.rows).toBe(3)
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [6, 'lat'],
      [7, 'lon/lat'],
    ])
  })

  it('on the embedded database, a large import rebuilds the secondary indexes once', async () => {
    // PGlite whichever database the app tests use: the path exists only there.
    const lite = await openTestDatabase('pglite')
    try {
      const indexes = async () =>
        (
          await sql<{ indexdef: string }>`select indexdef from pg_indexes
            where tablename = 'resources' order by indexname`.execute(lite.db)
        ).rows.map((r) => r.indexdef)
      const before = await indexes()
      const file = (n: number, last = '') => {
        const rows = [RES_HEADER]
        for (let i = 0; i < n; i++) rows.push(`k${i},R ${i},,other,,,,7.6${i % 10},45.0${i % 7}`)
        return rows.join('\n') + last
      }
      const opts = {
        kind: 'resources' as const,
        source: 'bulk',
        actor: SYSTEM,
        backend: 'pglite' as const,
        deferIndexesAfter: 100,
      }
      const inBox = async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from resources
          where geom && ST_MakeEnvelope(7.605, 45.025, 7.615, 45.035, 4326)`.execute(lite.db)
        return rows[0]!.n
      }
      // Refused after a first batch was written without them: they come back with the rollback.
      const bad = '\nbad,Fuori,,other,,,,2.35,48.85'
      const refused = await importCsv(lite.db, file(BATCH_ROWS.pglite + 50, bad), opts)
      expect(refused).toMatchObject({ issueCount: 1, written: 0 })
      expect(await indexes()).toEqual(before)
      expect(await inBox()).toBe(0)
      const done = await importCsv(lite.db, file(250), opts)
      expect(done).toMatchObject({ inserted: 250, issueCount: 0 })
      expect(await indexes()).toEqual(before)
      // The rebuilt GiST index finds what a scan of the table finds.
      const scanned = await inBox()
      expect(scanned).toBeGreaterThan(0)
      await lite.db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn)
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select count(*) from resources
          where geom && ST_MakeEnvelope(7.605, 45.025, 7.615, 45.035, 4326)`.execute(conn)
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/resources_geom_idx/)
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from resources
          where geom && ST_MakeEnvelope(7.605, 45.025, 7.615, 45.035, 4326)`.execute(conn)
        expect(rows[0]!.n).toBe(scanned)
        await sql`reset enable_seqscan`.execute(conn)
      })
    } finally {
      await lite.drop()
    }
  })

  it('refuses more than the row limit', async () => {
    const csv = [RES_HEADER, 'l1,A,,other,,,,7.68,45.07', 'l2,B,,other,,,,7.68,45.07'].join('\n')
    await expect(
      importCsv(t.db, csv, {
        kind: 'resources',
        source: 'lim',
        actor: { id: null, role: 'system' },
        maxRows: 1,
      }),
    ).rejects.toMatchObject({ status: 413 })
    expect(await count('resources', 'lim')).toBe(0)
  })
})

describe('GeoJSON import of places', () => {
  it('imports a FeatureCollection, feature id as external id', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'g1',
          properties: { name: 'Orto condiviso', category: 'orto_giardino' },
          geometry: { type: 'Point', coordinates: [7.68, 45.07] },
        },
        {
          type: 'Feature',
          properties: {
            external_id: 'g2',
            name: 'Piazza',
            category: 'spazio_aperto',
            attribution: '© OpenStreetMap contributors',
          },
          geometry: { type: 'Point', coordinates: [7.66, 45.06] },
        },
      ],
    }
    const res = await upload(t.app, '/api/import/places?source=geo', JSON.stringify(fc), {
      type: 'application/geo+json',
    })
    expect(res.status).toBe(200)
    expect(await json<Report>(res)).toMatchObject({ inserted: 2 })
    expect(await count('places', 'geo')).toBe(2)
  })

  it('reports a feature that is not a point', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { external_id: 'p', name: 'L', category: 'altro' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [7.6, 45],
              [7.7, 45],
            ],
          },
        },
      ],
    }
    const res = await upload(t.app, '/api/import/places?source=geo2', JSON.stringify(fc), {
      type: 'application/json',
    })
    expect(res.status).toBe(422)
    expect((await json<{ error: { details: Report } }>(res)).error.details.issues[0]).toMatchObject(
      { line: 1, field: 'geometry' },
    )
  })

  it('answers 400 for something that is not a FeatureCollection', async () => {
    const res = await upload(t.app, '/api/import/places?source=geo3', '{"type":"Point"}', {
      type: 'application/geo+json',
    })
    expect(res.status).toBe(400)
  })
})

describe('provenance of imported content', () => {
  type Props = { source: string | null; attribution: string | null; demo: boolean }
  type One = { properties: Props & { name: string } }
  const idOf = async (table: 'places' | 'resources', source: string, externalId: string) =>
    (
      await t.db
        .selectFrom(table)
        .select('id')
        .where('source', '=', source)
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).id

  it('shows the source and the licence line of open data, in reads and in exports', async () => {
    const osm = '© OpenStreetMap contributors, ODbL 1.0'
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'node/1',
          properties: { name: 'Scuola Pestalozzi', category: 'scuola', attribution: osm },
          geometry: { type: 'Point', coordinates: [7.6712, 45.0805] },
        },
      ],
    }
    const res = await upload(t.app, '/api/import/places?source=osm-scuole', JSON.stringify(fc), {
      type: 'application/geo+json',
    })
    expect(res.status).toBe(200)
    const id = await idOf('places', 'osm-scuole', 'node/1')
    const one = await json<One>(await call(t.app, 'GET', `/api/places/${id}`))
    expect(one.properties).toMatchObject({ source: 'osm-scuole', attribution: osm, demo: false })
    const list = await json<{ features: (One & { id: string })[] }>(
      await call(t.app, 'GET', '/api/places?bbox=7.67,45.08,7.672,45.081'),
    )
    expect(list.features.find((f) => f.id === id)?.properties.attribution).toBe(osm)
    const geo = await json<{ features: (One & { id: string })[] }>(
      await call(t.app, 'GET', '/api/places/export.geojson'),
    )
    expect(geo.features.find((f) => f.id === id)?.properties).toMatchObject({
      source: 'osm-scuole',
      attribution: osm,
      demo: false,
    })
    const csv = (await (await call(t.app, 'GET', '/api/places/export.csv')).text()).split('\r\n')
    expect(csv[0]).toMatch(/,source,attribution,demo$/)
    expect(csv.find((l) => l.startsWith(id))).toMatch(
      /,osm-scuole,"© OpenStreetMap contributors, ODbL 1.0",false$/,
    )
  })

  it('marks demo content as demo, and content made in the app as neither', async () => {
    // The demo loader's own path: the reserved source, through the same import.
    const csv = `${RES_HEADER}\ndemo-r1,Sportello (demo),,work,,,,7.68,45.07`
    const r = await importCsv(t.db, csv, { kind: 'resources', source: 'demo', actor: SYSTEM })
    expect(r.inserted).toBe(1)
    const demoId = await idOf('resources', 'demo', 'demo-r1')
    const demo = await json<One>(await call(t.app, 'GET', `/api/resources/${demoId}`))
    expect(demo.properties).toMatchObject({ source: 'demo', attribution: null, demo: true })
    const exported = await (await call(t.app, 'GET', '/api/resources/export.csv')).text()
    expect(exported.split('\r\n').find((l) => l.startsWith(demoId))).toMatch(/,demo,,true$/)

    const made = await call(t.app, 'POST', '/api/resources', {
      cookie: staff,
      body: {
        name: 'Sportello fatto a mano',
        themes: ['work'],
        geometry: { type: 'Point', coordinates: [7.68, 45.07] },
      },
    })
    expect(made.status).toBe(201)
    expect((await json<One>(made)).properties).toMatchObject({
      source: null,
      attribution: null,
      demo: false,
    })
  })
})

describe('who may import', () => {
  it('401 for visitors, 403 for residents', async () => {
    const csv = `${RES_HEADER}\nq,A,,other,,,,7.68,45.07`
    const anon = await call(t.app, 'POST', '/api/import/resources?source=q', {
      raw: csv,
      contentType: 'text/csv',
    })
    expect(anon.status).toBe(401)
    expect(
      (await upload(t.app, '/api/import/resources?source=q', csv, { cookie: resident })).status,
    ).toBe(403)
  })

  it('refuses other content types (415), the reserved demo source and a missing source (400)', async () => {
    expect(
      (await upload(t.app, '/api/import/resources?source=q', 'x', { type: 'text/plain' })).status,
    ).toBe(415)
    expect(
      (await upload(t.app, '/api/import/resources?source=demo', `${RES_HEADER}\n`)).status,
    ).toBe(400)
    expect((await upload(t.app, '/api/import/resources', `${RES_HEADER}\n`)).status).toBe(400)
  })
})
