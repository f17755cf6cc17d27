// Runs once before all test files: the PGlite snapshot they clone, and the built web app (the
// browser tests load it, and the privacy crawl calls `/` like any other public route).
import { buildWebIfStale } from '../scripts/web-build.ts'
import { ensureSnapshot } from './helpers/snapshot.ts'

export default async function setup() {
  await buildWebIfStale()
  await ensureSnapshot()
}
