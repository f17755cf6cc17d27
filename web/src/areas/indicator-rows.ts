// An area's figures as the rows of a readable table: counts in a fixed order, each with its
// share of the total it belongs to, plus derived figures (density, change, household size).
// Pure: no i18n here, the table component turns `label` keys and numbers into text.
import type { MessageKey } from '../i18n/it.ts'

export type RowFormat = 'count' | 'km2' | 'decimal' | 'percentChange'

export interface IndicatorRow {
  label: MessageKey
  value: number
  format: RowFormat
  /** Fraction (0..1) of the total the figure is part of, when that is meaningful. */
  share?: number
}

type Figures = Record<string, number | undefined>

/** Count indicators, in reading order, with the figure they are a share of. */
const COUNTS = [
  { key: 'pop_2023_anagrafe' },
  { key: 'pop_total_2021' },
  { key: 'pop_female_2021', of: 'pop_total_2021' },
  { key: 'pop_male_2021', of: 'pop_total_2021' },
  { key: 'pop_0_14_2021', of: 'pop_total_2021' },
  { key: 'pop_65_plus_2021', of: 'pop_total_2021' },
  { key: 'pop_75_plus_2021', of: 'pop_total_2021' },
  { key: 'foreign_residents_2021', of: 'pop_total_2021' },
  { key: 'households_2021' },
  { key: 'households_1_person_2021', of: 'households_2021' },
  { key: 'pop_total_2011' },
] as const satisfies readonly { key: string; of?: string }[]

const positive = (n: number | undefined): n is number => typeof n === 'number' && n > 0

export function indicatorRows(figures: Figures): IndicatorRow[] {
  const rows: IndicatorRow[] = []
  for (const count of COUNTS) {
    const value = figures[count.key]
    if (typeof value !== 'number') continue
    const total = 'of' in count ? figures[count.of] : undefined
    const row: IndicatorRow = { label: `indicator.${count.key}`, value, format: 'count' }
    if (positive(total)) row.share = value / total
    rows.push(row)
  }
  const pop = figures.pop_total_2021
  const pop2011 = figures.pop_total_2011
  const households = figures.households_2021
  const area = figures.area_km2
  if (positive(pop) && positive(pop2011)) {
    rows.push({
      label: 'indicator.change_2011_2021',
      value: pop / pop2011 - 1,
      format: 'percentChange',
    })
  }
  if (positive(pop) && positive(households)) {
    rows.push({ label: 'indicator.household_size', value: pop / households, format: 'decimal' })
  }
  if (positive(area)) {
    rows.push({ label: 'indicator.area_km2', value: area, format: 'km2' })
    if (positive(pop)) rows.push({ label: 'indicator.density', value: pop / area, format: 'count' })
  }
  return rows
}
