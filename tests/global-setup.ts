// Runs once before all test files: the PGlite snapshot they clone.
import { ensureSnapshot } from './helpers/snapshot.ts'

export default async function setup() {
  await ensureSnapshot()
}
