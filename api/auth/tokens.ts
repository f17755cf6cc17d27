// Secrets handed to a browser (session cookies, invitation links): 32 random bytes (256 bits),
// base64url. Only their SHA-256 is stored, so a copy of the database cannot be replayed.
import { createHash, randomBytes } from 'node:crypto'

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export const hashToken = sha256Hex
