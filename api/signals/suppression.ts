// What the public may learn from a count of need signals. Planners and admins read exact counts;
// everyone else gets, for every cell (area or hexagon):
//   0       → 0 (an empty cell reveals nothing about anyone)
//   1 … 4   → null, suppressed: true (small counts could point at a person)
//   5 and up→ rounded down to a multiple of 5 (5 means 5–9, 10 means 10–14, …)
// Rounding is what protects against differencing: without it, "all themes" minus "theme X" (or
// weeks 10–20 minus weeks 11–20, or one hexagon size against the next) isolates single signals
// even when every published count is ≥ 5. With rounding, each published count hides up to 4
// signals, so the difference of two published counts never pins down one observation.
import type { Role } from '../auth/roles.ts'

export const SUPPRESSION_THRESHOLD = 5
export const ROUNDING_BASE = 5

export interface PublishedCount {
  count: number | null
  suppressed: boolean
}

/** Roles that read exact counts. */
export const EXACT_COUNT_ROLES: readonly Role[] = ['planner', 'admin']

export function seesExactCounts(role: Role | undefined): boolean {
  return role !== undefined && EXACT_COUNT_ROLES.includes(role)
}

export function publishCount(count: number, exact: boolean): PublishedCount {
  if (exact || count === 0) return { count, suppressed: false }
  if (count < SUPPRESSION_THRESHOLD) return { count: null, suppressed: true }
  return { count: Math.floor(count / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false }
}

/** Describes the rule applied, for the response (clients show it in the legend). */
export function suppressionInfo(exact: boolean) {
  return exact
    ? { applied: false }
    : { applied: true, threshold: SUPPRESSION_THRESHOLD, roundedDownTo: ROUNDING_BASE }
}
