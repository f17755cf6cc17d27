import { describe, expect, it } from 'vitest'
import { territoryRows } from '../../api/areas/territory.ts'

describe('territory fixtures', () => {
  const rows = territoryRows()
  const byKind = (k: string) => rows.filter((r) => r.kind === k)

  it('has Turin and the six CIdiS municipalities, 8 districts and 94 zones', () => {
    expect(
      byKind('municipality')
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      'Beinasco',
      'Bruino',
      'Orbassano',
      'Piossasco',
      'Rivalta di Torino',
      'Torino',
      'Volvera',
    ])
    expect(byKind('district')).toHaveLength(8)
    expect(byKind('zone')).toHaveLength(94)
  })

  it('puts parents before children and every parent exists', () => {
    const seen = new Set<string>()
    for (const r of rows) {
      if (r.parent_id) expect(seen.has(r.parent_id), `${r.id} → ${r.parent_id}`).toBe(true)
      seen.add(r.id)
    }
  })

  it('keeps the 2023 registry population of the zones (860,973 in all)', () => {
    expect(byKind('zone').reduce((s, r) => s + (r.population ?? 0), 0)).toBe(860_973)
  })

  it('gives zones with letters a stable lower-case id', () => {
    expect(rows.some((r) => r.id === 'zone-09bis')).toBe(true)
    expect(rows.some((r) => r.id === 'zone-17bis')).toBe(true)
  })

  it('carries census indicators as finite numbers only', () => {
    for (const r of rows) {
      for (const v of Object.values(r.indicators)) expect(Number.isFinite(v)).toBe(true)
    }
    expect(byKind('district')[0]!.indicators).toHaveProperty('pop_75_plus_2021')
  })
})
