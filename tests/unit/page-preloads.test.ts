import { describe, expect, it } from 'vitest'
import { preloadsFor, withPreloads } from '../../api/page-preloads.ts'

const ID = '0196f0c2-7a3b-7c4d-8e5f-1a2b3c4d5e6f'
const HTML = '<html><head><title>Intrecci</title></head><body></body></html>'

describe('preloads of a page', () => {
  it('asks for a map and its drawings on the map page and its embed, as the app will', () => {
    const urls = [`/api/maps/${ID}`, `/api/maps/${ID}/features`]
    expect(preloadsFor(`/mappe/${ID}`)).toEqual(urls)
    expect(preloadsFor(`/embed/maps/${ID}`)).toEqual(urls)
    // The app fetches the id as the address spells it: so does the preload.
    expect(preloadsFor(`/mappe/${ID.toUpperCase()}`)[0]).toBe(`/api/maps/${ID.toUpperCase()}`)
  })

  it('asks for nothing elsewhere, nor for what is not a map id', () => {
    for (const path of [
      '/',
      '/mappe',
      '/mappe/nuova',
      `/mappe/${ID}/modifica`,
      '/mappe/"><script>alert(1)</script>',
      `/mappe/${ID}x`,
    ]) {
      expect(preloadsFor(path)).toEqual([])
    }
  })

  it('puts the links in the head, and leaves a page without preloads as it was', () => {
    const html = withPreloads(HTML, preloadsFor(`/mappe/${ID}`))
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).toContain(
      `<link rel="preload" href="/api/maps/${ID}/features" as="fetch" crossorigin="anonymous" />`,
    )
    expect(head.match(/rel="preload"/g)).toHaveLength(2)
    expect(withPreloads(HTML, [])).toBe(HTML)
  })
})
