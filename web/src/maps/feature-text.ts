// Words about a drawing, shared by the list, the details and story mode.
import type { DrawnFeature, LegendSymbol } from '../api/maps-types.ts'
import { locale, t } from '../i18n/i18n.svelte.ts'

/** The title, or the symbol's label for an untitled drawing. */
export function featureName(f: DrawnFeature, legend: readonly LegendSymbol[]): string {
  const title = f.properties.title?.trim()
  if (title) return title
  return legend.find((s) => s.key === f.properties.symbol)?.label ?? t('maps.feature.untitled')
}

export function authorName(f: DrawnFeature): string {
  return f.properties.author.name ?? t('contrib.author.erased')
}

export function excerpt(text: string | null, max = 160): string {
  if (!text) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat
}

export function when(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso))
}

/** Oldest first: the order the group told its stories in. */
export function byCreation(a: DrawnFeature, b: DrawnFeature): number {
  // ISO 8601 strings of one zone sort as their instants; plain comparison is cheap on 5,000.
  const [x, y] = [a.properties.createdAt, b.properties.createdAt]
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** [west, south, east, north] of a drawing. */
export function bboxOf(f: DrawnFeature): [number, number, number, number] {
  const g = f.geometry
  const points =
    g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'LineString'
        ? g.coordinates
        : g.coordinates[0]!
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const p of points) {
    w = Math.min(w, p[0]!)
    e = Math.max(e, p[0]!)
    s = Math.min(s, p[1]!)
    n = Math.max(n, p[1]!)
  }
  return [w, s, e, n]
}
