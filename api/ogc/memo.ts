// The aggregates are computed whole (every cell of a grid, every area) for each page a client
// asks for, and a desktop GIS reads ten features a page: without a memory, reading one grid
// recomputes it tens of times. Answers are kept per database, and only while the content
// versions of the tables they read are unchanged (tile_versions, sql/0050_tile_versions.sql:
// every write bumps them in its own transaction), so a kept answer is never older than the
// data. The versions stay on the server: clients never see them.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { contentVersion } from '../../tiles/versions.ts'

type Source = 'areas' | 'need_signals'

interface Entry {
  version: string
  value: Promise<unknown>
}

/** Answers kept per database (tests open many), at most MAX_ENTRIES each, oldest out first. */
const MAX_ENTRIES = 64
const byDatabase = new WeakMap<Kysely<Database>, Map<string, Entry>>()

export async function memo<T>(
  db: Kysely<Database>,
  key: string,
  sources: readonly Source[],
  compute: () => Promise<T>,
): Promise<T> {
  const version = (await Promise.all(sources.map((s) => contentVersion(db, s)))).join(':')
  let entries = byDatabase.get(db)
  if (!entries) byDatabase.set(db, (entries = new Map()))
  const kept = entries.get(key)
  if (kept?.version === version) return kept.value as Promise<T>
  const value = compute()
  entries.delete(key)
  entries.set(key, { version, value })
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  // A failed computation is not kept.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key))
  return value
}
