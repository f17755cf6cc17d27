// The single-page app's pages, by path. The server answers index.html for any path that is not
// an API, tile or asset path, so a reload or a shared link lands on the same page; moves within
// the app go through navigate() (or a plain <a href>, which the click handler below takes over).
import type { Component } from 'svelte'

export interface PageProps {
  /** The named parts of the path, e.g. { token } for /invito/:token. */
  params: Record<string, string>
}

interface Route {
  /** Path pattern: literal segments and :name parameters. */
  path: string
  load: () => Promise<{ default: Component<PageProps> }>
}

/**
 * Every page but the viewer (/), which App renders itself so the map's code is in the first
 * bundle. The others are loaded when first visited: their code stays out of the viewer's bundle.
 */
export const ROUTES: readonly Route[] = [
  // A resident's own places and comments, in every status (web/src/contrib).
  { path: '/miei-contributi', load: () => import('./pages/MyContributionsPage.svelte') },
  // Accounts (web/src/account): sign-in, registration, invitation links (the path the API's
  // invitations name), my account, moderation, users and invitations.
  { path: '/accedi', load: () => import('./pages/LoginPage.svelte') },
  { path: '/registrati', load: () => import('./pages/RegisterPage.svelte') },
  { path: '/invito/:token', load: () => import('./pages/InvitationPage.svelte') },
  { path: '/account', load: () => import('./pages/AccountPage.svelte') },
  { path: '/moderazione', load: () => import('./pages/ModerationPage.svelte') },
  { path: '/amministrazione', load: () => import('./pages/AdminPage.svelte') },
  // Unconventional maps (web/src/maps): the list, a new map, one map drawn together, its
  // settings, joining a group (the link the API's /link names, or a code), and the map framed
  // by other sites (/embed/: the only path the server lets them frame).
  { path: '/mappe', load: () => import('./pages/MapListPage.svelte') },
  { path: '/mappe/nuova', load: () => import('./pages/MapNewPage.svelte') },
  { path: '/mappe/:id', load: () => import('./pages/MapPage.svelte') },
  { path: '/mappe/:id/modifica', load: () => import('./pages/MapEditPage.svelte') },
  { path: '/partecipa', load: () => import('./pages/MapJoinPage.svelte') },
  { path: '/partecipa/:token', load: () => import('./pages/MapJoinPage.svelte') },
  { path: '/embed/maps/:id', load: () => import('./pages/MapEmbedPage.svelte') },
]

/** Paths the server serves itself: links to them are left to the browser. */
const SERVER_PATHS = /^\/(api|tiles|ogc|styles|fonts|basemap|sprites)(\/|$)/

export interface Match {
  route: Route | null
  params: Record<string, string>
}

export function matchPath(pathname: string, routes: readonly Route[] = ROUTES): Match {
  const parts = pathname.split('/').filter(Boolean)
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean)
    if (pattern.length !== parts.length) continue
    const params: Record<string, string> = {}
    const ok = pattern.every((seg, i) => {
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(parts[i]!)
        } catch {
          return false
        }
        return true
      }
      return seg === parts[i]
    })
    if (ok) return { route, params }
  }
  return { route: null, params: {} }
}

class Router {
  /** The current location's path and query; pages read the query themselves. */
  path = $state(location.pathname)
  search = $state(location.search)

  /** Goes to an in-app address; `replace` keeps the history entry (e.g. view changes). */
  navigate(href: string, { replace = false } = {}) {
    const url = new URL(href, location.href)
    if (url.origin !== location.origin) {
      location.assign(url.href)
      return
    }
    if (replace) history.replaceState(history.state, '', url.href)
    else history.pushState(null, '', url.href)
    this.sync()
  }

  sync() {
    this.path = location.pathname
    this.search = location.search
  }
}

export const router = new Router()

/** Back/forward buttons, and same-origin links to app pages without a full reload. */
export function installRouter(): void {
  window.addEventListener('popstate', () => router.sync())
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const a = (event.target as Element | null)?.closest?.('a')
    if (!a || a.target || a.hasAttribute('download') || a.getAttribute('rel') === 'external') return
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never state
    const url = new URL(a.href, location.href)
    if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) return
    // A link to the same page with only a #fragment is the browser's to scroll to.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return
    event.preventDefault()
    router.navigate(url.href)
  })
}
