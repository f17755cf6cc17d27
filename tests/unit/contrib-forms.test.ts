// The contribution forms' plumbing: one Idempotency-Key per distinct submission, and the API's
// field errors keyed by the form field they belong to.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api/client.ts'
import { fieldErrors } from '../../web/src/contrib/field-errors.ts'
import { IdempotencyKeys } from '../../web/src/contrib/idempotency.ts'

describe('IdempotencyKeys', () => {
  const place = {
    name: 'Orto di via Baltea',
    geometry: { type: 'Point', coordinates: [7.69, 45.09] },
  }

  it('gives a retried submission the key it had (a double tap is stored once)', () => {
    const keys = new IdempotencyKeys()
    const first = keys.for(place)
    expect(first).toMatch(/^[\x21-\x7e]{1,255}$/)
    expect(keys.for({ ...place })).toBe(first)
  })

  it('gives a corrected submission a new key (the API refuses a key reused for another body)', () => {
    const keys = new IdempotencyKeys()
    const first = keys.for(place)
    expect(keys.for({ ...place, name: 'Orto di via Baltea 3' })).not.toBe(first)
  })

  it('after a success, the same content again is a new submission', () => {
    const keys = new IdempotencyKeys()
    const first = keys.for(place)
    keys.reset()
    expect(keys.for(place)).not.toBe(first)
  })
})

describe('fieldErrors', () => {
  it('keys each message by the top-level field the API named, first message winning', () => {
    const err = new ApiError(422, 'invalid_geometry', 'geometry.coordinates: outside', [
      { field: 'geometry.coordinates', message: 'outside the territory' },
      { field: 'name', message: 'too long' },
      { field: 'name', message: 'second complaint' },
    ])
    expect(fieldErrors(err)).toEqual({ geometry: 'outside the territory', name: 'too long' })
  })

  it('names no field for errors without details, or for other failures', () => {
    expect(fieldErrors(new ApiError(0, 'network', 'Could not reach /api/places'))).toEqual({})
    expect(fieldErrors(new Error('boom'))).toEqual({})
  })
})
