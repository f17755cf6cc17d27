// What a moderator can do to an item in each status: the server's state machine
// (api/moderation/transitions.ts), mirrored so the page offers only actions that can succeed.
import type { ContentStatus, ModerationAction } from '../api/account-types.ts'
import { t } from '../i18n/i18n.svelte.ts'

const FROM: Record<ModerationAction, readonly ContentStatus[]> = {
  approve: ['pending', 'hidden'],
  reject: ['pending', 'hidden'],
  hide: ['published'],
  restore: ['rejected'],
}

/** Same limit as the server (api/moderation/moderation.schema.ts). */
export const REASON_MAX = 500

export function actionsFor(status: ContentStatus): ModerationAction[] {
  return (Object.keys(FROM) as ModerationAction[]).filter((a) => FROM[a].includes(status))
}

export function needsReason(action: ModerationAction): boolean {
  return action === 'reject' || action === 'hide'
}

const KIND_KEYS = {
  place: 'moderation.kind.place',
  resource: 'moderation.kind.resource',
  comment: 'moderation.kind.comment',
} as const

/** A kind of content in words; kinds added later show their key until they get a label. */
export function kindLabel(kind: string): string {
  return kind in KIND_KEYS ? t(KIND_KEYS[kind as keyof typeof KIND_KEYS]) : kind
}
