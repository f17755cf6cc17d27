// What status a new contribution starts in: visitors' wait in the queue; residents' are
// published at once unless a moderator turned that off; staff roles publish directly.
import type { Kysely } from 'kysely'
import type { SessionUser } from '../auth/roles.ts'
import type { Database } from '../db/database.ts'
import type { ContentStatus } from './content-kinds.ts'
import { getModerationSettings } from './settings.repository.ts'

export async function initialStatus(
  db: Kysely<Database>,
  user: SessionUser | null,
): Promise<Extract<ContentStatus, 'pending' | 'published'>> {
  if (!user) return 'pending'
  if (user.role !== 'resident') return 'published'
  const settings = await getModerationSettings(db)
  return settings.residentsPublishDirectly ? 'published' : 'pending'
}
