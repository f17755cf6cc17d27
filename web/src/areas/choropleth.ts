// Areas coloured by one figure: which figures can colour them, the value of each area, classes
// by quantiles, and the colours (ColorBrewer YlGnBu, 5 classes: ordered light → dark, readable
// by people with the common colour-vision deficiencies). Counts that depend on an area's size
// are shown as shares (people over 75 as a share of residents), so areas compare fairly.
// Pure: no i18n and no map here.
import type { AreaFeature } from '../api/types.ts'
import type { MessageKey } from '../i18n/it.ts'
import { indicatorRows, type RowFormat } from './indicator-rows.ts'

export type MeasureFormat = RowFormat | 'share'

export interface Measure {
  key: string
  label: MessageKey
  format: MeasureFormat
}

/** The figures that can colour the map, in the order the menu lists them. */
export const MEASURES: readonly Measure[] = [
  { key: 'pop_75_plus_2021', label: 'indicator.pop_75_plus_2021', format: 'share' },
  { key: 'pop_65_plus_2021', label: 'indicator.pop_65_plus_2021', format: 'share' },
  { key: 'households_1_person_2021', label: 'indicator.households_1_person_2021', format: 'share' },
  { key: 'pop_0_14_2021', label: 'indicator.pop_0_14_2021', format: 'share' },
  { key: 'foreign_residents_2021', label: 'indicator.foreign_residents_2021', format: 'share' },
  { key: 'density', label: 'indicator.density', format: 'count' },
  { key: 'change_2011_2021', label: 'indicator.change_2011_2021', format: 'percentChange' },
  { key: 'household_size', label: 'indicator.household_size', format: 'decimal' },
  { key: 'pop_total_2021', label: 'indicator.pop_total_2021', format: 'count' },
]

export const measureOf = (key: string | null): Measure | undefined =>
  MEASURES.find((m) => m.key === key)

export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const
export const NO_DATA = 'rgba(0, 0, 0, 0)'

/** An area's value for a measure, or null when its figures do not give one. */
export function measureValue(area: AreaFeature, measure: Measure): number | null {
  const row = indicatorRows(area.properties.indicators).find((r) => r.label === measure.label)
  if (!row) return null
  if (measure.format === 'share') return row.share ?? null
  return row.value
}

export interface ChoroplethClass {
  /** Inclusive bounds of the values in the class. */
  min: number
  max: number
  color: string
  count: number
}

export interface Choropleth {
  measure: Measure
  classes: ChoroplethClass[]
  /** Area id → its class's colour. */
  colors: Map<string, string>
  values: Map<string, number>
  /** Areas without a value for the measure. */
  missing: number
}

/**
 * Up to 5 classes holding about the same number of areas each (quantiles; equal values never
 * straddle two classes), coloured light to dark.
 */
export function choropleth(areas: readonly AreaFeature[], measure: Measure): Choropleth {
  const values = new Map<string, number>()
  for (const a of areas) {
    const v = measureValue(a, measure)
    if (v !== null && Number.isFinite(v)) values.set(a.id, v)
  }
  const sorted = [...values.values()].sort((a, b) => a - b)
  const n = Math.min(PALETTE.length, new Set(sorted).size)
  const classes: ChoroplethClass[] = []
  let start = 0
  for (let c = 0; c < n && start < sorted.length; c++) {
    let end = Math.max(start + 1, Math.round(((c + 1) * sorted.length) / n))
    // Keep equal values together.
    while (end < sorted.length && sorted[end] === sorted[end - 1]) end++
    if (c === n - 1) end = sorted.length
    classes.push({ min: sorted[start]!, max: sorted[end - 1]!, color: '', count: end - start })
    start = end
  }
  // Light to dark across the whole palette, whatever the number of classes.
  classes.forEach((k, i) => {
    const at =
      classes.length === 1 ? PALETTE.length - 1 : (i * (PALETTE.length - 1)) / (classes.length - 1)
    k.color = PALETTE[Math.round(at)]!
  })
  const colors = new Map<string, string>()
  for (const [id, v] of values) {
    const k = classes.find((c) => v <= c.max) ?? classes[classes.length - 1]!
    colors.set(id, k.color)
  }
  return { measure, classes, colors, values, missing: areas.length - values.size }
}
