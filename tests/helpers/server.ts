// Starts the real server (api/server.ts) as a child process, on a free port, and stops it.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './paths.ts'
import { createServerDatabase } from './db.ts'

export { ROOT }

export interface RunningServer {
  url: string
  port: number
  proc: ChildProcess
  /** Everything the server printed so far. */
  output(): string
  /** SIGTERM, then wait for exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export interface StartOptions {
  env?: Record<string, string | undefined>
  /** Default: a new temporary directory. */
  dataDir?: string
  timeoutMs?: number
}

export function tempDir(prefix = 'intrecci-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/**
 * With DATABASE_URL set (the server run of the suite), the server gets a database of its own on
 * that server, dropped when it stops; otherwise the embedded database in a temporary directory.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const serverDb =
    process.env.DATABASE_URL && options.env?.DATABASE_URL === undefined
      ? await createServerDatabase()
      : undefined
  try {
    const server = await spawnServer(options, serverDb?.url ?? '')
    if (!serverDb) return server
    return {
      ...server,
      stop: async (signal) => {
        const code = await server.stop(signal)
        await serverDb.drop()
        return code
      },
    }
  } catch (err) {
    await serverDb?.drop()
    throw err
  }
}

function spawnServer(options: StartOptions, databaseUrl: string): Promise<RunningServer> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir ?? tempDir(),
    DATABASE_URL: databaseUrl,
    BASEMAP_STYLE_URL: 'offline',
    ...options.env,
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
    return exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`server did not start in time:\n${out}`))
    }, options.timeoutMs ?? 120_000)
    const onData = () => {
      const m = /ready in .* → (http:\/\/[^:\s]+:(\d+))/.exec(out)
      if (m) {
        clearTimeout(timer)
        const port = Number(m[2])
        resolve({ url: `http://127.0.0.1:${port}`, port, proc, output: () => out, stop })
      }
    }
    proc.stdout!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`))
    })
  })
}
