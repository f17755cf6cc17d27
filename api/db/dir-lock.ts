// PGlite is one process's database: two processes on one data directory would corrupt it.
// A lock file holding the owner's pid keeps the second one out; a lock left by a process that
// no longer runs (crash, kill -9) is taken over.
import fs from 'node:fs'
import path from 'node:path'
import { StartupError } from './errors.ts'

export interface DirLock {
  release(): void
}

const LOCK_NAME = 'intrecci.lock'

// Directories this process holds: a lock file with our own pid is ours only if listed here
// (otherwise it was left by an earlier process that happened to have the same pid).
const held = new Set<string>()

export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, LOCK_NAME)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      held.add(file)
      return {
        release() {
          held.delete(file)
          // Only remove our own lock: never one another process took over.
          if (readPid(file) === process.pid) fs.rmSync(file, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = readPid(file)
      const ours = owner === process.pid && held.has(file)
      if (ours || (owner !== undefined && owner !== process.pid && isRunning(owner))) {
        throw new StartupError(
          `the data directory ${dir} is in use by another running Intrecci (pid ${owner}); ` +
            `stop it, or set DATA_DIR to another directory`,
        )
      }
      fs.rmSync(file, { force: true }) // stale: its process is gone
    }
  }
  throw new StartupError(`cannot lock the data directory ${dir}`)
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
