// Numbers as our users read them, per locale. Formatters are cached: Intl objects are costly.
const formatters = new Map<string, Intl.NumberFormat>()

/**
 * it-IT: 2.015 · 860.973 · 12,5 · 7,1% — en-GB: 2,015 · 860,973 · 12.5 · 7.1%. Grouping is
 * 'always' because it-IT would otherwise leave four-digit counts ungrouped (2015), unlike the
 * statistics our users read.
 */
export function formatNumberIn(
  locale: string,
  value: number,
  options: Intl.NumberFormatOptions = {},
): string {
  const key = locale + JSON.stringify(options)
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { useGrouping: 'always', ...options })
    formatters.set(key, f)
  }
  return f.format(value)
}
