import { describe, expect, it } from 'vitest'
import type { AreaFeature } from '../../web/src/api/types.ts'
import { choropleth, measureOf, PALETTE } from '../../web/src/areas/choropleth.ts'

function area(id: string, indicators: Record<string, number>): AreaFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [] },
    properties: {
      id,
      kind: 'zone',
      code: id,
      name: id,
      population: null,
      parent: null,
      indicators,
      source: '',
    },
  }
}

const elderly = measureOf('pop_75_plus_2021')!

describe('choropleth', () => {
  it('colours shares of the total, so big and small areas compare', () => {
    const areas = [
      area('big', { pop_total_2021: 10000, pop_75_plus_2021: 1000 }),
      area('small', { pop_total_2021: 100, pop_75_plus_2021: 30 }),
    ]
    const c = choropleth(areas, elderly)
    expect(c.values.get('big')).toBeCloseTo(0.1)
    expect(c.values.get('small')).toBeCloseTo(0.3)
    // The smaller area has the larger share: the darker colour.
    expect(PALETTE.indexOf(c.colors.get('small') as never)).toBeGreaterThan(
      PALETTE.indexOf(c.colors.get('big') as never),
    )
  })

  it('makes classes of about equal size, light to dark, and counts areas without data', () => {
    const areas = Array.from({ length: 10 }, (_, i) =>
      area(`z${i}`, { pop_total_2021: 100, pop_75_plus_2021: i * 3 }),
    )
    areas.push(area('none', { pop_total_2021: 100 }))
    const c = choropleth(areas, elderly)
    expect(c.classes.map((k) => k.count)).toEqual([2, 2, 2, 2, 2])
    expect(c.classes.map((k) => k.color)).toEqual([...PALETTE])
    expect(c.classes[0]!.min).toBe(0)
    expect(c.classes[4]!.max).toBeCloseTo(0.27)
    expect(c.missing).toBe(1)
    expect(c.colors.has('none')).toBe(false)
  })

  it('never splits equal values across classes', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 3]
    const areas = values.map((v, i) =>
      area(`z${i}`, { pop_total_2021: 100, pop_2011: 0, pop_75_plus_2021: v }),
    )
    const c = choropleth(areas, elderly)
    const classOf = (id: string) => c.classes.findIndex((k) => k.color === c.colors.get(id))
    const ones = values.map((v, i) => (v === 1 ? classOf(`z${i}`) : -1)).filter((k) => k >= 0)
    expect(new Set(ones).size).toBe(1)
    expect(c.classes.length).toBe(3)
    expect(c.classes.at(-1)!.color).toBe(PALETTE.at(-1))
  })
})
