// The shared vocabulary: place categories and resource themes, with Italian and English labels
// and an icon (an emoji, so the kiosk, the web app and imports need no icon font). The keys are
// what the database stores (CHECK constraints in sql/0010_places.sql and sql/0011_resources.sql).

export interface Term {
  key: string
  label: { it: string; en: string }
  icon: string
}

export const PLACE_CATEGORIES = [
  {
    key: 'casa_del_quartiere',
    label: { it: 'Casa del quartiere', en: 'Neighbourhood house' },
    icon: '🏠',
  },
  { key: 'negozio_amico', label: { it: 'Negozio amico', en: 'Friendly shop' }, icon: '🛍️' },
  {
    key: 'orto_giardino',
    label: { it: 'Orto / giardino condiviso', en: 'Shared garden' },
    icon: '🌱',
  },
  { key: 'biblioteca', label: { it: 'Biblioteca', en: 'Library' }, icon: '📚' },
  { key: 'scuola', label: { it: 'Scuola', en: 'School' }, icon: '🏫' },
  { key: 'oratorio', label: { it: 'Oratorio', en: 'Parish youth centre' }, icon: '⛪' },
  { key: 'bar_edicola', label: { it: 'Bar / edicola', en: 'Café / newsstand' }, icon: '☕' },
  { key: 'sala_comunale', label: { it: 'Sala comunale', en: 'Community hall' }, icon: '🏛️' },
  { key: 'spazio_aperto', label: { it: "Spazio all'aperto", en: 'Open space' }, icon: '🌳' },
  { key: 'altro', label: { it: 'Altro', en: 'Other' }, icon: '📍' },
] as const satisfies readonly Term[]

export const RESOURCE_THEMES = [
  { key: 'food', label: { it: 'Cibo', en: 'Food' }, icon: '🍞' },
  { key: 'housing', label: { it: 'Casa', en: 'Housing' }, icon: '🏘️' },
  { key: 'work', label: { it: 'Lavoro', en: 'Work' }, icon: '💼' },
  { key: 'family', label: { it: 'Famiglia', en: 'Family' }, icon: '👪' },
  { key: 'health', label: { it: 'Salute', en: 'Health' }, icon: '🩺' },
  { key: 'education', label: { it: 'Istruzione e formazione', en: 'Education' }, icon: '🎓' },
  { key: 'digital', label: { it: 'Competenze digitali', en: 'Digital skills' }, icon: '💻' },
  { key: 'social_ties', label: { it: 'Solitudine e relazioni', en: 'Social ties' }, icon: '🤝' },
  { key: 'legal_debt', label: { it: 'Aiuto legale e debiti', en: 'Legal / debt' }, icon: '⚖️' },
  { key: 'other', label: { it: 'Altro', en: 'Other' }, icon: '✳️' },
] as const satisfies readonly Term[]

export type PlaceCategory = (typeof PLACE_CATEGORIES)[number]['key']
export type ResourceTheme = (typeof RESOURCE_THEMES)[number]['key']

export const PLACE_CATEGORY_KEYS = PLACE_CATEGORIES.map((t) => t.key) as [
  PlaceCategory,
  ...PlaceCategory[],
]
export const RESOURCE_THEME_KEYS = RESOURCE_THEMES.map((t) => t.key) as [
  ResourceTheme,
  ...ResourceTheme[],
]

/** Reactions a comment may carry (sql/0012_comments.sql). */
export const COMMENT_REACTIONS = [
  { key: 'like', label: { it: 'Mi piace', en: 'Like' }, icon: '👍' },
  { key: 'love', label: { it: 'Lo adoro', en: 'Love' }, icon: '❤️' },
  { key: 'thanks', label: { it: 'Grazie', en: 'Thanks' }, icon: '🙏' },
  { key: 'idea', label: { it: 'Idea', en: 'Idea' }, icon: '💡' },
  { key: 'sad', label: { it: 'Triste', en: 'Sad' }, icon: '😢' },
  { key: 'memory', label: { it: 'Ricordo', en: 'Memory' }, icon: '📷' },
] as const satisfies readonly Term[]

export type CommentReaction = (typeof COMMENT_REACTIONS)[number]['key']
export const COMMENT_REACTION_KEYS = COMMENT_REACTIONS.map((t) => t.key) as [
  CommentReaction,
  ...CommentReaction[],
]
