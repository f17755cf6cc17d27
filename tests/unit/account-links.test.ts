// Where the sign-in page sends people afterwards (never to another site), and avatar initials.
import { describe, expect, it } from 'vitest'
import { initials, safeNext, signInHref } from '../../web/src/account/account-links.ts'

describe('safeNext', () => {
  it.each([
    ['?next=%2Faccount', '/account'],
    ['?next=%2Fmoderazione%3Flang%3Den', '/moderazione?lang=en'],
    ['?next=%2Finvito%2Fabc', '/invito/abc'],
  ])('returns to a page of this site (%s)', (search, expected) => {
    expect(safeNext(search)).toBe(expected)
  })

  it.each([
    ['', 'no next'],
    ['?next=https%3A%2F%2Fevil.example%2F', 'another site'],
    ['?next=%2F%2Fevil.example%2F', 'a protocol-relative address'],
    ['?next=%2F%5Cevil.example', 'a backslash browsers read as //'],
    ['?next=javascript%3Aalert(1)', 'a javascript: URL'],
    ['?next=account', 'a relative path'],
    ['?next=%2Faccedi', 'the sign-in page itself'],
    ['?next=%2Fregistrati%3Fnext%3D%2Faccount', 'the registration page'],
  ])('goes to the map instead of %s (%s)', (search) => {
    expect(safeNext(search)).toBe('/')
  })
})

describe('signInHref', () => {
  it('brings people back to the page they were on, but not to the map or the sign-in page', () => {
    expect(signInHref('/account')).toBe('/accedi?next=%2Faccount')
    expect(signInHref('/moderazione?lang=en')).toBe('/accedi?next=%2Fmoderazione%3Flang%3Den')
    expect(signInHref('/')).toBe('/accedi')
    expect(signInHref('/accedi?next=%2Faccount')).toBe('/accedi')
  })
})

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['giulia', 'G'],
    ['  Maria  Grazia  Rossi ', 'MG'],
    ['Élodie Ørsted', 'ÉØ'],
    ['😀 smile', '😀S'],
    ['', '?'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected)
  })
})
