// Where a place or resource came from, as every reader sees it: the import that brought it (its
// `source`, null for content made in the app), the licence line imported open data must carry
// wherever it is shown or exported (ODbL, CC BY), and whether it is invented demo content
// (fixtures/demo, loaded under the reserved source "demo").
export const DEMO_SOURCE = 'demo'

export interface Provenance {
  source: string | null
  attribution: string | null
  demo: boolean
}

export function provenanceOf(r: { source: string | null; attribution: string | null }): Provenance {
  return { source: r.source, attribution: r.attribution, demo: r.source === DEMO_SOURCE }
}

/** The same three as CSV cells, after a table's own columns. */
export const PROVENANCE_CSV_HEADER = ['source', 'attribution', 'demo'] as const

export function provenanceCells(r: { source: string | null; attribution: string | null }) {
  const p = provenanceOf(r)
  return [p.source, p.attribution, p.demo]
}
