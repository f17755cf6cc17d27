// Instance settings (the `settings` table): moderation switches and the client-address key.
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db/database.ts'

export const moderationSettings = z.object({ residentsPublishDirectly: z.boolean() })
export type ModerationSettings = z.infer<typeof moderationSettings>

const DEFAULTS: ModerationSettings = { residentsPublishDirectly: true }

export async function getModerationSettings(db: Kysely<Database>): Promise<ModerationSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'moderation')
    .executeTakeFirst()
  const parsed = moderationSettings.safeParse(row?.value)
  return parsed.success ? parsed.data : DEFAULTS
}

export async function putModerationSettings(db: Kysely<Database>, value: ModerationSettings) {
  await db
    .insertInto('settings')
    .values({ key: 'moderation', value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
    )
    .execute()
}

/** The per-installation key that turns client addresses into opaque reporter keys. */
export async function clientKey(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'client_key')
    .executeTakeFirstOrThrow()
  return String(row.value)
}
