// The vocabulary (place categories, resource themes, comment reactions), fetched once per page
// and labelled in the current language.
import { getVocabulary, type Vocabulary, type VocabularyTerm } from '../api/client.ts'
import { getLang } from '../i18n/i18n.svelte.ts'

class VocabularyStore {
  value = $state.raw<Vocabulary | null>(null)
  error = $state.raw<Error | null>(null)
  #loading: Promise<void> | null = null

  load(): Promise<void> {
    this.#loading ??= getVocabulary()
      .then((v) => {
        this.value = v
        this.error = null
      })
      .catch((err: unknown) => {
        this.error = err as Error
        this.#loading = null
      })
    return this.#loading
  }
}

export const vocabulary = new VocabularyStore()

/** A term's label in the current language. */
export const termLabel = (term: VocabularyTerm) => term.label[getLang()]

/** The label of a category or reaction key, or the key itself if the vocabulary is not here. */
export function labelOf(kind: 'placeCategories' | 'commentReactions', key: string): string {
  const term = vocabulary.value?.[kind].find((t) => t.key === key)
  return term ? termLabel(term) : key
}

export function iconOf(kind: 'placeCategories' | 'commentReactions', key: string): string {
  return vocabulary.value?.[kind].find((t) => t.key === key)?.icon ?? ''
}
