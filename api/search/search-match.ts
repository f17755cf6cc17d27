// How a name matches a query, accent- and case-insensitively (the same folding as search_text,
// api/geo/search-text.ts): every word of the query must occur in the name. Lower rank is better:
// 0 the name starts with the query, 1 a word of the name does, 2 it occurs inside a word.
import { foldText } from '../geo/search-text.ts'

/** The query's words, folded; empty when nothing is left to look for. */
export function queryTokens(q: string): string[] {
  return foldText(q).split(' ').filter(Boolean)
}

/** The rank of `name` for `tokens`, or null when some word is missing. */
export function nameRank(name: string, tokens: readonly string[]): number | null {
  const folded = foldText(name)
  if (tokens.length === 0 || !tokens.every((t) => folded.includes(t))) return null
  const phrase = tokens.join(' ')
  if (folded.startsWith(phrase)) return 0
  if (tokens.every((t) => folded.startsWith(t) || folded.includes(` ${t}`))) return 1
  return 2
}
