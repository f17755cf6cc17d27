import { describe, expect, it } from 'vitest'
import { parseWktPoint } from '../../api/import/wkt.ts'

describe('parseWktPoint', () => {
  it.each([
    ['POINT (7.68 45.07)', [7.68, 45.07]],
    ['point(7.68 45.07)', [7.68, 45.07]],
    ['SRID=4326;POINT(7.68 45.07)', [7.68, 45.07]],
    ['POINT Z (7.68 45.07 240)', [7.68, 45.07]],
    ['POINT (-0.5 1e1)', [-0.5, 10]],
  ])('reads %s', (text, expected) => {
    expect(parseWktPoint(text)).toEqual({ ok: true, coordinates: expected })
  })

  it.each([
    'POINT (7.68 45.07) trailing',
    'POINT (7.68)',
    'POINT (7,68 45,07)',
    'POINT EMPTY',
    'SRID=3857;POINT (1 2)',
    'LINESTRING (7 45, 8 45)',
    '',
  ])('refuses %j', (text) => {
    expect(parseWktPoint(text).ok).toBe(false)
  })
})
