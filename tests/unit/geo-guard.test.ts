import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { geometryField } from '../../api/geo/field.ts'
import { checkGeometry, MAX_VERTICES, type GeometryType } from '../../api/geo/guard.ts'

const ALL: GeometryType[] = ['Point', 'LineString', 'Polygon', 'MultiPolygon']
const square = [
  [7.6, 45.0],
  [7.7, 45.0],
  [7.7, 45.1],
  [7.6, 45.1],
  [7.6, 45.0],
]
/** n vertices on a small circle around Piazza Castello, closed. */
function ring(n: number) {
  const pts = Array.from({ length: n - 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / (n - 1)
    return [7.68 + 0.01 * Math.cos(a), 45.07 + 0.01 * Math.sin(a)]
  })
  return [...pts, pts[0]]
}
const check = (g: unknown, types = ALL, maxVertices?: number) =>
  checkGeometry(g, { types, maxVertices })

describe('checkGeometry', () => {
  it('accepts a point in Turin and rounds to 7 decimals', () => {
    const r = check({ type: 'Point', coordinates: [7.686864123456, 45.070312987654] })
    expect(r).toEqual({
      valid: true,
      geometry: { type: 'Point', coordinates: [7.6868641, 45.070313] },
    })
  })

  it('drops Z and foreign members', () => {
    const r = check({ type: 'Point', coordinates: [7.68, 45.07, 240], crs: 'x', bbox: [1] })
    expect(r).toEqual({ valid: true, geometry: { type: 'Point', coordinates: [7.68, 45.07] } })
  })

  it('accepts a polygon and a multipolygon', () => {
    expect(check({ type: 'Polygon', coordinates: [square] }).valid).toBe(true)
    expect(check({ type: 'MultiPolygon', coordinates: [[square]] }).valid).toBe(true)
  })

  it.each([
    [
      'Infinity (JSON 1e400)',
      { type: 'Point', coordinates: [JSON.parse('1e400'), 45] },
      'geometry.coordinates.0',
    ],
    ['NaN', { type: 'Point', coordinates: [7.6, NaN] }, 'geometry.coordinates.1'],
    [
      'a string as coordinate',
      { type: 'Point', coordinates: ['7.6', 45] },
      'geometry.coordinates.0',
    ],
    ['a one-number position', { type: 'Point', coordinates: [7.6] }, 'geometry.coordinates'],
    ['four numbers', { type: 'Point', coordinates: [7.6, 45, 1, 2] }, 'geometry.coordinates'],
    ['no coordinates', { type: 'Point' }, 'geometry.coordinates'],
    ['not an object', 'POINT(7.6 45)', 'geometry'],
    ['an array', [7.6, 45], 'geometry'],
    ['null', null, 'geometry'],
    [
      'a Feature',
      { type: 'Feature', geometry: { type: 'Point', coordinates: [7.6, 45] } },
      'geometry.type',
    ],
    ['a GeometryCollection', { type: 'GeometryCollection', geometries: [] }, 'geometry.type'],
    [
      'an unclosed ring',
      { type: 'Polygon', coordinates: [square.slice(0, 4)] },
      'geometry.coordinates.0',
    ],
    [
      'a ring of 3 positions',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] },
      'geometry.coordinates.0',
    ],
    ['a polygon with no rings', { type: 'Polygon', coordinates: [] }, 'geometry.coordinates'],
    [
      'a one-position line',
      { type: 'LineString', coordinates: [[7.6, 45]] },
      'geometry.coordinates',
    ],
    [
      'deep nesting',
      { type: 'Point', coordinates: [[[[[[[[7.6, 45]]]]]]]] },
      'geometry.coordinates',
    ],
    [
      'deep nesting in a polygon',
      { type: 'Polygon', coordinates: [[[[[7.6, 45]]]]] },
      'geometry.coordinates.0.0',
    ],
  ])('refuses %s with 400', (_name, g, field) => {
    const r = check(g)
    expect(r.valid).toBe(false)
    if (r.valid) return
    expect(r.status).toBe(400)
    expect(r.field).toBe(field)
    expect(r.reason).toBeTruthy()
  })

  it('refuses a type the caller does not accept', () => {
    const r = check({ type: 'Polygon', coordinates: [square] }, ['Point'])
    expect(r).toMatchObject({ valid: false, status: 400, field: 'geometry.type' })
  })

  it.each([
    ['swapped lat/lon', { type: 'Point', coordinates: [45.07, 7.68] }, /outside the territory/],
    ['Rome', { type: 'Point', coordinates: [12.49, 41.89] }, /outside the territory/],
    ['longitude 200', { type: 'Point', coordinates: [200, 45] }, /longitude out of range/],
    ['latitude -91', { type: 'Point', coordinates: [7.6, -91] }, /latitude out of range/],
    ['antimeridian', { type: 'Point', coordinates: [180, 0] }, /outside the territory/],
    ['the pole', { type: 'Point', coordinates: [0, 90] }, /outside the territory/],
  ])('refuses %s with 422', (_name, g, reason) => {
    const r = check(g)
    expect(r).toMatchObject({ valid: false, status: 422 })
    if (!r.valid) expect(r.reason).toMatch(reason)
  })

  it(`accepts ${MAX_VERTICES} vertices and refuses ${MAX_VERTICES + 1}`, () => {
    expect(check({ type: 'Polygon', coordinates: [ring(MAX_VERTICES)] }).valid).toBe(true)
    const r = check({ type: 'Polygon', coordinates: [ring(MAX_VERTICES + 1)] })
    expect(r).toMatchObject({
      valid: false,
      status: 422,
      reason: `more than ${MAX_VERTICES} vertices`,
    })
  })

  it('lets a caller lower the limit, never raise it', () => {
    expect(check({ type: 'Polygon', coordinates: [ring(2001)] }, ALL, 2000)).toMatchObject({
      valid: false,
      status: 422,
    })
    expect(check({ type: 'Polygon', coordinates: [ring(5001)] }, ALL, 10_000).valid).toBe(false)
  })

  it('uses the territory the caller passes', () => {
    const g = { type: 'Point', coordinates: [12.49, 41.89] }
    expect(checkGeometry(g, { types: ['Point'], territory: [12, 41, 13, 42] }).valid).toBe(true)
  })
})

describe('geometryField', () => {
  const schema = z.object({ geometry: geometryField(['Point']) })

  it('gives the typed, rounded geometry', () => {
    const r = schema.parse({ geometry: { type: 'Point', coordinates: [7.6000000001, 45] } })
    expect(r.geometry).toEqual({ type: 'Point', coordinates: [7.6, 45] })
  })

  it('names the path at fault', () => {
    const r = schema.safeParse({ geometry: { type: 'Point', coordinates: [7.6, 'x'] } })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['geometry', 'coordinates', '1'])
  })

  it('leaves the territory to the route step (structure only)', () => {
    expect(schema.safeParse({ geometry: { type: 'Point', coordinates: [45, 7] } }).success).toBe(
      true,
    )
  })
})
