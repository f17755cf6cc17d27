// The address with its ?lang= set to `lang`, if it has one; null when there is nothing to change.
export function withLang(href: string, lang: string): string | null {
  const url = new URL(href)
  if (!url.searchParams.has('lang') || url.searchParams.get('lang') === lang) return null
  url.searchParams.set('lang', lang)
  return url.href
}
