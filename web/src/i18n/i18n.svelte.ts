// The current language as a rune: `t()` and the formatters read it, so whatever renders them
// follows a switch. Chosen by ?lang=, then localStorage, then Italian (the product's language).
import { en } from './en.ts'
import { it, type MessageKey, type Messages } from './it.ts'
import { withLang } from './lang-url.ts'
import { formatNumberIn } from './number-format.ts'

export const LANGS = ['it', 'en'] as const
export type Lang = (typeof LANGS)[number]

const DICTS: Record<Lang, Messages> = { it, en }
const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' }
const STORAGE_KEY = 'intrecci.lang'

const isLang = (v: unknown): v is Lang => LANGS.includes(v as Lang)

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang')
  if (isLang(fromUrl)) return fromUrl
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    if (isLang(stored)) return stored
  } catch {
    // Storage can be disabled (private mode, kiosk policies): Italian then.
  }
  return 'it'
}

let current = $state<Lang>(initialLang())

export function getLang(): Lang {
  return current
}

export function setLang(lang: Lang): void {
  current = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Not persisted: the choice still holds for this page.
  }
  // A ?lang= in the address would win over the choice at the next load: keep it in step.
  const href = withLang(location.href, lang)
  if (href) history.replaceState(history.state, '', href)
}

/** The message for `key` in the current language, with `{param}`s replaced. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message = DICTS[current][key]
  if (!params) return message
  return message.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  )
}

export function locale(): string {
  return LOCALES[current]
}

/** A number in the current language's format: see formatNumberIn. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return formatNumberIn(locale(), value, options)
}

/** Keeps <html lang> and the document title in step with the language. */
export function syncDocument(): void {
  $effect(() => {
    document.documentElement.lang = current
    document.title = t('app.title')
  })
}
