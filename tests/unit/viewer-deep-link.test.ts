import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LINK,
  formatViewerLink,
  parseViewerLink,
  type ViewerLink,
} from '../../web/src/state/deep-link.ts'

const full: ViewerLink = {
  camera: { center: [7.6856, 45.0712], zoom: 14.25 },
  layers: ['places', 'signals'],
  categories: ['biblioteca', 'scuola'],
  themes: [],
  kind: 'zone',
  indicator: 'pop_75_plus_2021',
  signalTheme: 'housing',
  selection: { kind: 'place', id: '6b1e2c7a-0d3f-4a55-9a0b-2f4e8c1d2a3b' },
  tab: 'list',
  sort: 'distance',
}

describe('the viewer address', () => {
  it('round-trips everything the viewer shows', () => {
    const search = formatViewerLink('', full)
    expect(parseViewerLink(search)).toEqual(full)
  })

  it('is short and readable, keeps other parameters, and leaves defaults out', () => {
    expect(formatViewerLink('?lang=en', DEFAULT_LINK)).toBe('?lang=en')
    const s = formatViewerLink('?lang=en&map=1/2/3', full)
    expect(s).toContain('lang=en')
    expect(s).toContain('map=14.25/45.0712/7.6856')
    expect(s).toContain('cat=biblioteca,scuola')
    expect(s).toContain('sel=place:6b1e2c7a-0d3f-4a55-9a0b-2f4e8c1d2a3b')
    expect(s).toContain('theme=&')
  })

  it('tells "no filter" from "nothing chosen"', () => {
    expect(parseViewerLink('?cat=').categories).toEqual([])
    expect(parseViewerLink('').categories).toBeNull()
    expect(parseViewerLink('?layers=').layers).toEqual([])
    expect(parseViewerLink('').layers).toEqual(['places', 'resources', 'areas'])
  })

  it('ignores what it cannot read', () => {
    const link = parseViewerLink(
      '?map=99/1/2&kind=planet&sel=user:1&tab=x&sort=y&cat=ok,<script>&layers=places,bogus&ind=a b',
    )
    expect(link).toEqual({
      ...DEFAULT_LINK,
      categories: ['ok'],
      layers: ['places'],
    })
    expect(parseViewerLink('?map=12/45/').camera).toBeNull()
    expect(parseViewerLink('?sel=area:zone-09bis').selection).toEqual({
      kind: 'area',
      id: 'zone-09bis',
    })
  })
})
