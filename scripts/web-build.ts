// Builds the web app into dist/web/ when it is missing or older than a file under web/ or than
// vite.config.ts. Shared by `npm start` and the browser tests.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const WEB = path.join(ROOT, 'web')
const INDEX = path.join(ROOT, 'dist/web/index.html')
const CONFIG = path.join(ROOT, 'vite.config.ts')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs
    if (t > newest) newest = t
  }
  return newest
}

export function webIsBuilt(): boolean {
  if (!fs.existsSync(INDEX)) return false
  const built = fs.statSync(INDEX).mtimeMs
  return built > newestMtime(WEB) && built > fs.statSync(CONFIG).mtimeMs
}

let building: Promise<boolean> | undefined

/** Builds once per process, only when out of date; resolves true when it built. */
export function buildWebIfStale(): Promise<boolean> {
  building ??= (async () => {
    if (webIsBuilt()) return false
    const { build } = await import('vite')
    await build({ configFile: CONFIG, logLevel: 'warn' })
    return true
  })()
  return building
}
