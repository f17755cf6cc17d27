import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPlace } from '../../api/places/places.repository.ts'
import { insertResource } from '../../api/resources/resources.repository.ts'
import { PLACE_CATEGORIES, RESOURCE_THEMES } from '../../api/vocabulary/vocabulary.ts'
import { testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

interface Term {
  key: string
  label: { it: string; en: string }
  icon: string
}

describe('GET /api/vocabulary', () => {
  it('serves place categories and resource themes with labels and icons', async () => {
    const res = await t.app.request('/api/vocabulary')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { placeCategories: Term[]; resourceThemes: Term[] }
    expect(body.placeCategories.map((c) => c.key)).toEqual([
      'casa_del_quartiere',
      'negozio_amico',
      'orto_giardino',
      'biblioteca',
      'scuola',
      'oratorio',
      'bar_edicola',
      'sala_comunale',
      'spazio_aperto',
      'altro',
    ])
    expect(body.placeCategories[0]!.label).toEqual({
      it: 'Casa del quartiere',
      en: 'Neighbourhood house',
    })
    expect(body.resourceThemes).toHaveLength(10)
    expect((body as unknown as { commentReactions: Term[] }).commentReactions.length).toBe(6)
    for (const term of [...body.placeCategories, ...body.resourceThemes]) {
      expect(term.label.it).toBeTruthy()
      expect(term.label.en).toBeTruthy()
      expect(term.icon).toBeTruthy()
    }
  })

  it('matches what the database accepts: every key stores, others do not', async () => {
    const db = t.database.db
    const geometry = { type: 'Point' as const, coordinates: [7.68, 45.07] as [number, number] }
    const base = {
      name: 'x',
      geometry,
      status: 'published' as const,
      authorId: null,
      pseudonym: null,
    }
    for (const c of PLACE_CATEGORIES) await insertPlace(db, { ...base, category: c.key })
    await expect(insertPlace(db, { ...base, category: 'discoteca' })).rejects.toThrow()
    for (const th of RESOURCE_THEMES) {
      await insertResource(db, {
        name: 'x',
        description: null,
        themes: [th.key],
        organization: null,
        email: null,
        phone: null,
        url: null,
        schedule: [],
        eligibilityDescription: null,
        languages: [],
        accessibility: null,
        address: null,
        geometry,
        serviceArea: null,
        assuredDate: null,
        status: 'published',
        authorId: null,
      })
    }
  })
})
