// The figures an area can carry, with their source: one list shared by the loader, the API and
// the web app's legend. Census figures are 2021 (ISTAT, interpolated by sections, Pinto 2023);
// `pop_2023_anagrafe` is the City of Turin's 2023 registry.
export interface IndicatorDef {
  key: string
  /** Whether the figure is a count of people/households (so shares can be derived from it). */
  kind: 'count' | 'area'
  year: number
}

export const INDICATORS: readonly IndicatorDef[] = [
  { key: 'pop_2023_anagrafe', kind: 'count', year: 2023 },
  { key: 'pop_total_2021', kind: 'count', year: 2021 },
  { key: 'pop_male_2021', kind: 'count', year: 2021 },
  { key: 'pop_female_2021', kind: 'count', year: 2021 },
  { key: 'pop_0_14_2021', kind: 'count', year: 2021 },
  { key: 'pop_65_plus_2021', kind: 'count', year: 2021 },
  { key: 'pop_75_plus_2021', kind: 'count', year: 2021 },
  { key: 'foreign_residents_2021', kind: 'count', year: 2021 },
  { key: 'households_2021', kind: 'count', year: 2021 },
  { key: 'households_1_person_2021', kind: 'count', year: 2021 },
  { key: 'pop_total_2011', kind: 'count', year: 2011 },
  { key: 'area_km2', kind: 'area', year: 2023 },
]

const KEYS = new Set(INDICATORS.map((i) => i.key))

/** Keeps only known, finite numeric figures from a source record. */
export function pickIndicators(props: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(props)) {
    if (KEYS.has(k) && typeof v === 'number' && Number.isFinite(v)) out[k] = v
  }
  return out
}
