// A measure's value as text in the current language (choropleth legend, list, panel).
import { formatNumber } from '../i18n/i18n.svelte.ts'
import type { MeasureFormat } from './choropleth.ts'

export function formatMeasure(value: number, format: MeasureFormat): string {
  switch (format) {
    case 'share':
      return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 })
    case 'percentChange':
      return formatNumber(value, {
        style: 'percent',
        signDisplay: 'exceptZero',
        maximumFractionDigits: 1,
      })
    case 'decimal':
      return formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'km2':
      return formatNumber(value, { maximumFractionDigits: 2 })
    case 'count':
      return formatNumber(Math.round(value))
  }
}
