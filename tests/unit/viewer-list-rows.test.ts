import { describe, expect, it } from 'vitest'
import {
  areasInBounds,
  distanceMetres,
  listRows,
  sortRows,
} from '../../web/src/ui/list/list-rows.ts'
import type { AreaFeature } from '../../web/src/api/types.ts'
import type { ViewerItemFeature } from '../../web/src/api/viewer-types.ts'

const PIAZZA_CASTELLO: [number, number] = [7.6856, 45.0712]

function item(id: string, name: string, at: [number, number], category = 'biblioteca') {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: at },
    properties: { id, name, category, themes: ['food'], status: 'published' },
  } satisfies ViewerItemFeature
}

function area(id: string, bbox: [number, number, number, number]): AreaFeature {
  return {
    type: 'Feature',
    id,
    bbox,
    geometry: { type: 'Polygon', coordinates: [] },
    properties: {
      id,
      kind: 'zone',
      code: id,
      name: `Zona ${id}`,
      population: null,
      parent: null,
      indicators: {},
      source: '',
    },
  }
}

describe('the list rows', () => {
  it('measures great-circle distances in metres', () => {
    // Piazza Castello → Porta Nuova station: about 1.3 km.
    expect(distanceMetres(PIAZZA_CASTELLO, [7.6781, 45.0616])).toBeGreaterThan(1150)
    expect(distanceMetres(PIAZZA_CASTELLO, [7.6781, 45.0616])).toBeLessThan(1350)
    expect(distanceMetres(PIAZZA_CASTELLO, PIAZZA_CASTELLO)).toBe(0)
  })

  it('sorts by name as people read it, by type, and by distance from the centre', () => {
    const rows = listRows({
      places: [item('a', 'Ébano', [7.69, 45.08]), item('b', 'biblioteca 10', [7.6856, 45.0713])],
      resources: [item('c', 'Biblioteca 9', [7.7, 45.1])],
      areas: [area('01', [7.6, 45.0, 7.7, 45.1])],
      centre: PIAZZA_CASTELLO,
      typeOf: (kind, key) => `${kind}:${key}`,
      valueOf: () => 0.5,
    })
    const names = (by: 'name' | 'type' | 'distance') => sortRows(rows, by, 'it').map((r) => r.name)
    expect(names('name')).toEqual(['Biblioteca 9', 'biblioteca 10', 'Ébano', 'Zona 01'])
    expect(names('type')).toEqual(['Zona 01', 'biblioteca 10', 'Ébano', 'Biblioteca 9'])
    expect(names('distance')[0]).toBe('biblioteca 10')
    expect(rows.find((r) => r.kind === 'area')!.value).toBe(0.5)
    expect(rows.find((r) => r.kind === 'resource')!.key).toBe('food')
  })

  it('keeps the areas whose extent meets the view', () => {
    const view: [number, number, number, number] = [7.6, 45.0, 7.7, 45.1]
    const kept = areasInBounds(
      [
        area('in', [7.65, 45.05, 7.66, 45.06]),
        area('edge', [7.7, 45.1, 7.8, 45.2]),
        area('out', [7.8, 45.2, 7.9, 45.3]),
      ],
      view,
    )
    expect(kept.map((a) => a.id)).toEqual(['in', 'edge'])
  })
})
