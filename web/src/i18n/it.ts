// Italian: the source of truth for every user-visible string. Other languages must have the
// same keys (en.ts is type-checked against this). `{name}` marks a parameter.
export const it = {
  'app.name': 'Intrecci',
  'app.tagline': 'Mappa di comunità per l’inclusione sociale',
  'app.title': 'Intrecci – mappa di comunità di Torino e dei comuni CIdiS',
  'app.loading': 'Caricamento della mappa…',
  'app.error': 'Non è stato possibile caricare i dati: {message}',
  'app.retry': 'Riprova',

  'lang.label': 'Lingua',
  'lang.it': 'Italiano',
  'lang.en': 'English',

  'kind.label': 'Mostra le aree per',
  'kind.municipality': 'Comune',
  'kind.district': 'Circoscrizione',
  'kind.zone': 'Zona statistica',
  'kind.municipality.plural': 'Comuni',
  'kind.district.plural': 'Circoscrizioni',
  'kind.zone.plural': 'Zone statistiche',
  'kind.zone.pluralShort': 'Zone',
  'kind.district.numbered': 'Circoscrizione {code}',
  'kind.zone.numbered': 'Zona {code}',

  'panel.label': 'Aree',
  'panel.pick': 'Scegli un’area',
  'panel.pickNone': '— nessuna —',
  'panel.hint': 'Tocca un’area sulla mappa o sceglila dall’elenco per vederne i dati.',
  'panel.close': 'Chiudi i dati dell’area',
  'panel.partOf': 'Fa parte di',
  'panel.population': 'Residenti',
  'panel.indicators': 'Dati dell’area',
  'panel.source': 'Fonte: {source}',
  'panel.col.indicator': 'Dato',
  'panel.col.value': 'Valore',
  'panel.col.share': 'Quota',
  'panel.shareOf': '{share} del totale',
  'panel.selected': 'Area scelta: {name}',
  'panel.noData': 'Per quest’area non ci sono altri dati.',

  'tooltip.population': '{count} residenti',

  'indicator.pop_2023_anagrafe': 'Residenti all’anagrafe (2023)',
  'indicator.pop_total_2021': 'Residenti al censimento (2021)',
  'indicator.pop_male_2021': 'Uomini (2021)',
  'indicator.pop_female_2021': 'Donne (2021)',
  'indicator.pop_0_14_2021': 'Bambini e ragazzi fino a 14 anni (2021)',
  'indicator.pop_65_plus_2021': 'Residenti con 65 anni e più (2021)',
  'indicator.pop_75_plus_2021': 'Residenti con 75 anni e più (2021)',
  'indicator.foreign_residents_2021': 'Residenti stranieri (2021)',
  'indicator.households_2021': 'Famiglie (2021)',
  'indicator.households_1_person_2021': 'Persone che vivono sole (2021)',
  'indicator.pop_total_2011': 'Residenti al censimento (2011)',
  'indicator.area_km2': 'Superficie',
  'indicator.density': 'Abitanti per km² (2021)',
  'indicator.change_2011_2021': 'Variazione dei residenti 2011–2021',
  'indicator.household_size': 'Persone per famiglia (2021)',

  'unit.km2': '{value} km²',

  'map.label': 'Mappa delle aree',
  'map.zoomIn': 'Ingrandisci',
  'map.zoomOut': 'Riduci',
  'map.resetBearing': 'Trascina per ruotare la mappa, clicca per riportare il nord in alto',
  'map.toggleAttribution': 'Mostra o nascondi le fonti',
  'map.feedback': 'Segnala un problema della mappa',
  'map.logo': 'Logo di MapLibre',
  'map.basemapOffline': 'Mappa di base senza connessione',
} as const

export type MessageKey = keyof typeof it
export type Messages = Record<MessageKey, string>
