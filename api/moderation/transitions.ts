// Moderation actions as a state machine over content status. Reviewing also closes the item's
// open reports, so later reports start a new count.
import type { ContentStatus } from './content-kinds.ts'

export const ACTIONS = ['approve', 'reject', 'hide', 'restore'] as const
export type ModerationAction = (typeof ACTIONS)[number]

export const TRANSITIONS: Record<
  ModerationAction,
  { from: readonly ContentStatus[]; to: ContentStatus; needsReason: boolean }
> = {
  // Pending items, and items hidden by reports until reviewed.
  approve: { from: ['pending', 'hidden'], to: 'published', needsReason: false },
  reject: { from: ['pending', 'hidden'], to: 'rejected', needsReason: true },
  hide: { from: ['published'], to: 'hidden', needsReason: true },
  restore: { from: ['hidden', 'rejected'], to: 'published', needsReason: false },
}

export function canApply(action: ModerationAction, status: ContentStatus): boolean {
  return TRANSITIONS[action].from.includes(status)
}

/** Distinct reporters whose open reports hide a published item until a moderator reviews it. */
export const REPORTS_TO_HIDE = 3
