// How an area is named in the interface: on the map, in the list, in the panel.
import type { AreaFeature, AreaKind } from '../api/types.ts'
import { locale, t } from '../i18n/i18n.svelte.ts'

export function kindName(kind: AreaKind): string {
  return t(`kind.${kind}`)
}

export function kindPlural(kind: AreaKind): string {
  return t(`kind.${kind}.plural`)
}

/** District codes are numbers (1–8), zone codes two digits with an optional suffix ("09bis"). */
function numbered(area: AreaFeature): string | null {
  const { kind, code } = area.properties
  if (kind === 'district') return t('kind.district.numbered', { code })
  if (kind === 'zone') return t('kind.zone.numbered', { code })
  return null
}

/**
 * The label drawn on the map: a bold title over a lighter subtitle. Districts are "Circoscrizione
 * 3" over their neighbourhoods; zones, many and small, only their name in the lighter style.
 */
export function mapLabel(area: AreaFeature): { title: string; subtitle: string } {
  const { kind, name } = area.properties
  if (kind === 'district') return { title: numbered(area) ?? name, subtitle: name }
  if (kind === 'zone') return { title: '', subtitle: name }
  return { title: name, subtitle: '' }
}

/** "Zona 09bis · Borgo San Paolo" — what the list and the panel show under the name. */
export function areaCode(area: AreaFeature): string | null {
  return numbered(area)
}

export function optionLabel(area: AreaFeature): string {
  const { kind, code, name } = area.properties
  return kind === 'municipality' ? name : `${code} · ${name}`
}

/** Municipalities by name, districts and zones by code ("9" < "09bis" < "10"). */
export function sortAreas(areas: readonly AreaFeature[]): AreaFeature[] {
  const collator = new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' })
  const key = (a: AreaFeature) =>
    a.properties.kind === 'municipality' ? a.properties.name : a.properties.code
  return [...areas].sort((a, b) => collator.compare(key(a), key(b)))
}
