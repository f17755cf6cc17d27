// The pseudonym a visitor signed with last time, offered again on this browser (never sent
// anywhere but with their next contribution).
const KEY = 'intrecci.pseudonym'

export function rememberedPseudonym(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

export function rememberPseudonym(value: string): void {
  try {
    localStorage.setItem(KEY, value.trim())
  } catch {
    // Not remembered: asked again next time.
  }
}
