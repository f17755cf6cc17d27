// Starting legends a facilitator can pick when creating a map (GET /api/maps/templates), in the
// words of the focus groups (Attivare Scintille, Agorà del sociale): memory of places, needs, and
// what the community itself could do. The group changes them freely afterwards.
import type { FeatureKind, LegendSymbol } from './maps.table.ts'

interface TemplateSymbol {
  key: string
  label: { it: string; en: string }
  color: string
  emoji: string
  kinds: FeatureKind[]
}

export interface LegendTemplate {
  key: string
  title: { it: string; en: string }
  description: { it: string; en: string }
  symbols: TemplateSymbol[]
}

const AREAS: FeatureKind[] = ['point', 'polygon']
const ANY: FeatureKind[] = ['point', 'line', 'polygon']
const TEXT: TemplateSymbol = {
  key: 'scritta',
  label: { it: 'scritta sulla mappa', en: 'text on the map' },
  color: '#333333',
  emoji: '✏️',
  kinds: ['label'],
}

export const LEGEND_TEMPLATES: readonly LegendTemplate[] = [
  {
    key: 'memoria-e-bisogni',
    title: { it: 'Memoria e bisogni del luogo', en: 'Memory and needs of a place' },
    description: {
      it: 'Per ricostruire la memoria di un luogo, nominarne i bisogni e ciò che la comunità può fare.',
      en: 'To rebuild the memory of a place, name its needs and what the community can do.',
    },
    symbols: [
      {
        key: 'casa',
        label: { it: 'dove mi sento a casa', en: 'where I feel at home' },
        color: '#1b9e77',
        emoji: '🏠',
        kinds: AREAS,
      },
      {
        key: 'memoria',
        label: { it: 'luogo della memoria', en: 'place of memory' },
        color: '#7570b3',
        emoji: '🕯️',
        kinds: AREAS,
      },
      {
        key: 'manca',
        label: { it: 'qui manca qualcosa', en: 'something is missing here' },
        color: '#e6ab02',
        emoji: '❓',
        kinds: AREAS,
      },
      {
        key: 'evitare-sera',
        label: { it: 'da evitare la sera', en: 'to avoid in the evening' },
        color: '#d95f02',
        emoji: '🌙',
        kinds: ANY,
      },
      {
        key: 'possiamo-fare',
        label: { it: 'cosa possiamo fare noi', en: 'what we can do ourselves' },
        color: '#1f78b4',
        emoji: '🤝',
        kinds: ANY,
      },
      {
        key: 'percorso',
        label: { it: 'il mio percorso di ogni giorno', en: 'my everyday route' },
        color: '#66a61e',
        emoji: '🚶',
        kinds: ['line'],
      },
      TEXT,
    ],
  },
  {
    key: 'risorse-della-comunita',
    title: { it: 'Risorse della comunità', en: 'Community resources' },
    description: {
      it: 'Dove ci si incontra, chi aiuta, cosa funziona e cosa non arriva.',
      en: 'Where people meet, who helps, what works and what does not reach people.',
    },
    symbols: [
      {
        key: 'incontro',
        label: { it: 'luogo di incontro', en: 'meeting place' },
        color: '#1b9e77',
        emoji: '☕',
        kinds: AREAS,
      },
      {
        key: 'chi-aiuta',
        label: { it: 'qui qualcuno aiuta', en: 'someone helps here' },
        color: '#1f78b4',
        emoji: '🙌',
        kinds: AREAS,
      },
      {
        key: 'funziona',
        label: { it: 'un servizio che funziona', en: 'a service that works' },
        color: '#66a61e',
        emoji: '✅',
        kinds: AREAS,
      },
      {
        key: 'non-arriva',
        label: { it: 'un aiuto che non arriva', en: 'help that does not arrive' },
        color: '#e7298a',
        emoji: '🚫',
        kinds: AREAS,
      },
      {
        key: 'difficile',
        label: { it: 'spostarsi è difficile', en: 'hard to get around' },
        color: '#d95f02',
        emoji: '🚧',
        kinds: ['line', 'polygon'],
      },
      TEXT,
    ],
  },
  {
    key: 'libera',
    title: { it: 'Legenda libera', en: 'Blank legend' },
    description: {
      it: 'Un solo simbolo per cominciare: il gruppo inventa il resto.',
      en: 'One symbol to start with: the group invents the rest.',
    },
    symbols: [
      {
        key: 'segno',
        label: { it: 'un segno', en: 'a mark' },
        color: '#555555',
        emoji: '📍',
        kinds: ANY,
      },
      TEXT,
    ],
  },
]

export const TEMPLATE_KEYS = LEGEND_TEMPLATES.map((t) => t.key) as [string, ...string[]]

/** The template's symbols in the map's language (Italian unless it is English). */
export function legendFromTemplate(key: string, language: string): LegendSymbol[] | undefined {
  const t = LEGEND_TEMPLATES.find((x) => x.key === key)
  if (!t) return undefined
  const lang = language === 'en' ? 'en' : 'it'
  return t.symbols.map((s) => ({
    key: s.key,
    label: s.label[lang],
    color: s.color,
    emoji: s.emoji,
    icon: null,
    kinds: [...s.kinds],
  }))
}
