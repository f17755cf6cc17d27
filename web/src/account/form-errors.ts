// What the account forms say when something is wrong: checks made before sending (so people
// hear about an empty field at once, in their language), and the server's refusals turned into
// messages next to the field it named (ApiError details) or above the form.
import { tick } from 'svelte'
import { ApiError } from '../api/client.ts'
import { t } from '../i18n/i18n.svelte.ts'
import type { MessageKey } from '../i18n/it.ts'

export type FieldErrors = Partial<Record<string, string>>

/** Same limits as the server (api/auth/auth.schema.ts). */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 256
export const DISPLAY_NAME_MAX = 80

// Deliberately loose: the server has the last word; this catches the missing @ or domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function checkEmail(value: string, { optional = false } = {}): string | undefined {
  const v = value.trim()
  if (!v) return optional ? undefined : t('account.error.required')
  return EMAIL.test(v) ? undefined : t('account.error.email')
}

export function checkNewPassword(value: string): string | undefined {
  if (!value) return t('account.error.required')
  const n = Array.from(value).length
  return n < PASSWORD_MIN || n > PASSWORD_MAX ? t('account.error.passwordLength') : undefined
}

export function checkRequired(value: string): string | undefined {
  return value.trim() ? undefined : t('account.error.required')
}

export function checkDisplayName(value: string): string | undefined {
  const v = value.trim()
  if (!v) return t('account.error.required')
  return Array.from(v).length > DISPLAY_NAME_MAX ? t('account.error.displayName') : undefined
}

/** Only the fields that have an error. */
export function onlyErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v))
}

/** The rule each field breaks when the server refuses it as invalid input. */
const FIELD_RULES: Record<string, MessageKey> = {
  email: 'account.error.email',
  password: 'account.error.passwordLength',
  displayName: 'account.error.displayName',
  reason: 'moderation.reason.required',
  expiresInDays: 'admin.invitations.daysError',
}

/** Refusals that concern one field, by error code. */
const FIELD_CODES: Record<string, [string, MessageKey]> = {
  email_taken: ['email', 'account.error.emailTaken'],
  wrong_password: ['password', 'account.error.wrongPassword'],
  invitation_email_mismatch: ['email', 'account.error.invitedEmail'],
}

/** Refusals that concern the whole form, by error code. */
const FORM_CODES: Record<string, MessageKey> = {
  invalid_credentials: 'account.error.invalidCredentials',
  registration_closed: 'account.register.closed',
  unauthenticated: 'account.error.unauthenticated',
  forbidden: 'account.error.forbidden',
  csrf: 'account.error.forbidden',
  last_admin: 'account.error.lastAdmin',
  invitation_used: 'account.invitation.used',
  invitation_revoked: 'account.invitation.revoked',
  invitation_expired: 'account.invitation.expired',
  invalid_transition: 'moderation.conflict',
  conflict: 'moderation.conflict',
  network: 'account.error.network',
  timeout: 'account.error.network',
}

export interface Explained {
  /** Messages for the fields the server named (only those in `fields`). */
  fields: FieldErrors
  /** A message for the form as a whole, when no field explains the refusal. */
  form: string | undefined
}

/** Turns a failed call into messages for the fields in `fields` and for the form. */
export function explain(err: unknown, fields: readonly string[]): Explained {
  if (!(err instanceof ApiError)) {
    return { fields: {}, form: t('account.error.generic', { message: String(err) }) }
  }
  const byCode = FIELD_CODES[err.code]
  if (byCode && fields.includes(byCode[0])) {
    return { fields: { [byCode[0]]: t(byCode[1]) }, form: undefined }
  }
  if (err.code === 'invalid_input' && Array.isArray(err.details)) {
    const named: FieldErrors = {}
    for (const field of fields) {
      const message = err.fieldMessage(field)
      if (message === undefined) continue
      const rule = FIELD_RULES[field]
      named[field] = rule ? t(rule) : message
    }
    if (Object.keys(named).length) return { fields: named, form: undefined }
  }
  if (err.status === 429) {
    return { fields: {}, form: t('account.error.tooMany', { seconds: retryAfter(err) }) }
  }
  const key = FORM_CODES[err.code]
  return {
    fields: {},
    form: key ? t(key) : t('account.error.generic', { message: err.message }),
  }
}

function retryAfter(err: ApiError): number {
  const s = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  return typeof s === 'number' && s > 0 ? s : 60
}

/**
 * After the errors are on screen: the first field marked invalid takes the focus, or else the
 * form's own message (`fallback`, read once rendered: it may not exist before).
 */
export async function focusFirstError(
  form: HTMLElement | undefined,
  fallback?: () => HTMLElement | undefined,
): Promise<void> {
  await tick()
  const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
  ;(field ?? fallback?.())?.focus()
}
