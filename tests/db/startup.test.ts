// Start-up failures reach the operator as one clear line, never a stack trace.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPglite } from '../../api/db/connect.ts'
import { StartupError } from '../../api/db/errors.ts'
import { ROOT, tempDir } from '../helpers/server.ts'

function runServer(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    // The embedded database unless a test names a server.
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stderr: r.stderr, stdout: r.stdout }
}

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toMatch(/\n\s+at /) // no stack frames
}

describe('start-up errors', { timeout: 120_000 }, () => {
  it('names an unreachable server without its password', () => {
    const r = runServer({ DATABASE_URL: 'postgres://someone:s3cret@127.0.0.1:1/intrecci' })
    expect(r.code).toBe(1)
    expectOneLine(
      r.stderr,
      /^intrecci: cannot reach PostgreSQL at 127\.0\.0\.1:1\/intrecci: connection refused/,
    )
    expect(r.stderr + r.stdout).not.toContain('s3cret')
  })

  it('names a bad setting', () => {
    const r = runServer({ PORT: 'abc' })
    expect(r.code).toBe(1)
    expectOneLine(r.stderr, /^intrecci: PORT: /)
  })

  it('refuses a data directory held by another running process', async () => {
    const dir = tempDir()
    const held = await openPglite({ dataDir: dir })
    try {
      const r = runServer({ DATA_DIR: dir })
      expect(r.code).toBe(1)
      expectOneLine(
        r.stderr,
        new RegExp(
          `^intrecci: the data directory ${dir} is in use by another running Intrecci \\(pid ${process.pid}\\)`,
        ),
      )
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(StartupError)
    } finally {
      await held.close()
    }
    expect(fs.existsSync(path.join(dir, 'intrecci.lock'))).toBe(false)
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = tempDir()
    // A pid far above Linux's pid_max is never running.
    fs.writeFileSync(path.join(dir, 'intrecci.lock'), '99999999')
    const db = await openPglite({ dataDir: dir })
    expect(fs.readFileSync(path.join(dir, 'intrecci.lock'), 'utf8')).toBe(String(process.pid))
    await db.close()
  })
})
