// Idempotency keys for creating requests (the API's Idempotency-Key): one key per distinct body,
// so a retry of the same submission (double tap, a network error) is stored once, while a
// corrected submission gets a new key (the API refuses a key reused for another body).

function randomKey(): string {
  // crypto.randomUUID needs a secure context; a kiosk on a LAN address may not be one.
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext === true
  if (typeof crypto.randomUUID === 'function' && secure) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export class IdempotencyKeys {
  #body = ''
  #key = ''

  /** The key for this body: the same as last time if the body is the same. */
  for(body: unknown): string {
    const text = JSON.stringify(body)
    if (text !== this.#body || !this.#key) {
      this.#body = text
      this.#key = randomKey()
    }
    return this.#key
  }

  /** After a success: the next submission, even identical, is a new one. */
  reset() {
    this.#body = ''
    this.#key = ''
  }
}
