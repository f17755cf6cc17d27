// Accent- and case-insensitive search without unaccent (PGlite has none): the text is folded
// in JS the same way on write (search_text column) and on query. "Città" → "citta",
// "PERÒ" → "pero", "ﬁ" → "fi".
export function foldText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A LIKE pattern matching `q` anywhere, with LIKE's wildcards escaped (the default escape \). */
export function containsPattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}
