// What a page of the web app will ask the API for first, announced in its HTML so the browser
// asks at once, while the app's code is still loading. A map page waits for its drawings: with
// 5,000 of them they arrive about 0.7 s sooner this way (tests/bench/maps-open.ts). The URLs are
// exactly those the app fetches (web/src/api/maps-client.ts), or the browser would fetch twice.
import { UUID_PATTERN } from './uuid.ts'

const MAP_PAGE = new RegExp(`^/(?:mappe|embed/maps)/(${UUID_PATTERN})/?$`, 'i')

export function preloadsFor(pathname: string): string[] {
  const map = MAP_PAGE.exec(pathname)?.[1]
  if (!map) return []
  return [`/api/maps/${map}`, `/api/maps/${map}/features`]
}

/** The page's HTML with a preload link per URL, where its head asks for the others. */
export function withPreloads(html: string, urls: string[]): string {
  if (urls.length === 0) return html
  const links = urls
    .map((u) => `<link rel="preload" href="${u}" as="fetch" crossorigin="anonymous" />`)
    .join('\n    ')
  return html.replace('</head>', `  ${links}\n  </head>`)
}
