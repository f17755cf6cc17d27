// The moderation spine's contract with content modules. Each kind of user content (place,
// resource, comment, map_feature, …) registers one ContentKind in createApp's `contentKinds`;
// the queue, the moderation actions, reports, the personal data export and erasure then work
// for it without knowing its table.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export const CONTENT_STATUSES = ['pending', 'published', 'hidden', 'rejected'] as const
export type ContentStatus = (typeof CONTENT_STATUSES)[number]

/** One item as the moderation queue shows it: enough context to decide without opening it. */
export interface QueueItem {
  kind: string
  id: string
  status: ContentStatus
  createdAt: Date
  /** A short plain-text label (a place's name, the start of a comment). */
  title: string
  excerpt: string | null
  /** Who wrote it: an account (null id once erased: "utente cancellato"), or a pseudonym. */
  author: { id: string | null; displayName: string | null; pseudonym: string | null }
  /** Kind-specific context, e.g. the place a comment is on: `{ on: { kind, id, title } }`. */
  context: Record<string, unknown>
}

export interface ContentKind {
  /** Matches reports.kind and the `:kind` of the moderation routes: `^[a-z_]{1,32}$`. */
  kind: string
  /** Items waiting for review (status pending), newest first, created before `before`. */
  listPending(
    db: Kysely<Database>,
    q: { limit: number; before?: Date | undefined },
  ): Promise<QueueItem[]>
  /** The queue description of these items, whatever their status (reported items). */
  describe(db: Kysely<Database>, ids: readonly string[]): Promise<QueueItem[]>
  /** Undefined when there is no such item. Ids that are not the kind's id format: undefined. */
  getStatus(db: Kysely<Database>, id: string): Promise<ContentStatus | undefined>
  /**
   * Moves the item to `to` if its status is one of `from` (one conditional UPDATE, so two
   * moderators cannot both act on one state); true when it changed.
   */
  setStatus(
    db: Kysely<Database>,
    id: string,
    change: { from: readonly ContentStatus[]; to: ContentStatus },
  ): Promise<boolean>
  /**
   * Erasure policy for contributions: they stay published without their author — the author
   * column becomes NULL, shown as "utente cancellato" — and any author name copied into the
   * item is removed. Returns how many items it changed.
   */
  forgetAuthor(db: Kysely<Database>, userId: string): Promise<number>
  /** The person's own items, for the personal data export (plain JSON). */
  exportFor(db: Kysely<Database>, userId: string): Promise<unknown[]>
}

/** The kinds one app knows (no module-level state: every app has its own). */
export class ContentKinds {
  private readonly byName = new Map<string, ContentKind>()

  constructor(kinds: readonly ContentKind[] = []) {
    for (const k of kinds) this.register(k)
  }

  register(kind: ContentKind) {
    if (!/^[a-z_]{1,32}$/.test(kind.kind)) throw new Error(`bad content kind name "${kind.kind}"`)
    if (this.byName.has(kind.kind)) throw new Error(`content kind "${kind.kind}" registered twice`)
    this.byName.set(kind.kind, kind)
  }

  get(kind: string): ContentKind | undefined {
    return this.byName.get(kind)
  }

  all(): ContentKind[] {
    return [...this.byName.values()]
  }
}
