// One migrated PGlite database with the territory loaded, dumped to a file that every test file
// clones. Reused across runs while the migrations and fixtures it was made from are unchanged.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { openPglite } from '../../api/db/connect.ts'
import { prepareDatabase } from '../../api/db/prepare.ts'
import { ROOT } from './paths.ts'

const CACHE_DIR = path.join(ROOT, '.tmp')
export const SNAPSHOT_FILE = path.join(CACHE_DIR, 'pglite-snapshot.tar.gz')
const KEY_FILE = SNAPSHOT_FILE + '.key'

function sourcesKey(): string {
  const h = createHash('sha256')
  for (const dir of [
    'sql',
    'fixtures/territory',
    'fixtures/osm',
    'api/db',
    'api/areas',
    'api/basemap',
  ]) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).sort()) {
      const p = path.join(ROOT, dir, f)
      if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p))
    }
  }
  h.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
  return h.digest('hex')
}

export async function ensureSnapshot(): Promise<void> {
  const key = sourcesKey()
  if (fs.existsSync(SNAPSHOT_FILE) && fs.readFileSync(KEY_FILE, 'utf8').trim() === key) return
  fs.mkdirSync(CACHE_DIR, { recursive: true })
  const database = await openPglite()
  try {
    await prepareDatabase(database)
    const blob = await database.pglite.dumpDataDir('gzip')
    fs.writeFileSync(SNAPSHOT_FILE, Buffer.from(await blob.arrayBuffer()))
    fs.writeFileSync(KEY_FILE, key)
  } finally {
    await database.close()
  }
}
