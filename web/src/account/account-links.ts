// Small pure helpers of the account pages: where to go after signing in, and a name's initials.

/**
 * The in-app address to return to after signing in, from `?next=`: only a path of this site
 * (`/…`, never `//host` or `/\host`, which browsers read as another site), else the map.
 */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next')
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  // The sign-in and registration pages themselves are no place to come back to.
  if (/^\/(accedi|registrati)(\/|\?|$)/.test(next)) return '/'
  return next
}

/** The sign-in page, returning here afterwards (the map needs no `next`). */
export function signInHref(here: string): string {
  if (here === '/' || /^\/(accedi|registrati)(\/|\?|$)/.test(here)) return '/accedi'
  return `/accedi?next=${encodeURIComponent(here)}`
}

/** Up to two letters for an avatar: the first letter of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '')
  return letters.join('').toLocaleUpperCase() || '?'
}
