// MapLibre's own UI strings (control tooltips, the canvas' aria-label) from our dictionaries.
import type { Map as MapLibreMap } from 'maplibre-gl'
import { t } from '../i18n/i18n.svelte.ts'

export function mapLocale(): Record<string, string> {
  return {
    'Map.Title': t('map.label'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'AttributionControl.MapFeedback': t('map.feedback'),
    'LogoControl.Title': t('map.logo'),
  }
}

/** Controls read the table when they are added: re-add them after this. */
export function applyMapLocale(map: MapLibreMap, locale: Record<string, string>): void {
  Object.assign(map._locale, locale)
  map.getCanvas().setAttribute('aria-label', locale['Map.Title'] ?? '')
}
