// Shared by the account pages' browser tests: a real server whose first admin was made with
// `npm run admin -- create` before it started (as an installation gets its first admin), and API
// clients that hold a session the way a browser on this site would (same Origin, JSON, cookie),
// whose cookies can be handed to a Chromium context.
import { spawn } from 'node:child_process'
import { expect } from 'vitest'
import { request, type APIRequestContext, type APIResponse } from 'playwright-core'
import { createServerDatabase } from '../helpers/db.ts'
import { ROOT } from '../helpers/paths.ts'
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts'

export const ADMIN = {
  email: 'ada@example.org',
  password: 'una password lunga per Ada',
  displayName: 'Ada Lovelace',
}

/** Passwords of the accounts the tests make (10+ characters, as the server asks). */
export const PASSWORD = 'correct horse battery'

/** The admin CLI on a database that is not open elsewhere (PGlite allows one process). */
function createAdminWithCli(env: Record<string, string>): Promise<void> {
  const args = ['--import', 'tsx', 'api/cli/admin.ts', 'create', ADMIN.email]
  const proc = spawn(process.execPath, [...args, '--name', ADMIN.displayName], {
    cwd: ROOT,
    env: { ...process.env, ...env, ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve, reject) => {
    proc.on('error', reject)
    proc.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`admin create exited ${code}:\n${out}`)),
    )
  })
}

/**
 * The server with an admin (ADMIN). With DATABASE_URL set, on a database of its own on that
 * server (dropped when it stops); otherwise on PGlite in a temporary directory.
 */
export async function startServerWithAdmin(
  env: Record<string, string> = {},
): Promise<RunningServer> {
  if (!process.env.DATABASE_URL) {
    const dataDir = tempDir()
    await createAdminWithCli({ DATA_DIR: dataDir, DATABASE_URL: '' })
    return startServer({ dataDir, env })
  }
  const db = await createServerDatabase()
  try {
    await createAdminWithCli({ DATABASE_URL: db.url })
    const server = await startServer({ env: { ...env, DATABASE_URL: db.url } })
    return {
      ...server,
      stop: async (signal) => {
        const code = await server.stop(signal)
        await db.drop()
        return code
      },
    }
  } catch (err) {
    await db.drop()
    throw err
  }
}

/** An API client as a visitor on the site (Origin set, so the CSRF guard lets writes through). */
export function visitorApi(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } })
}

/** Asserts a 2xx answer and returns its JSON (undefined for 204). */
export async function ok<T = unknown>(res: APIResponse | Promise<APIResponse>): Promise<T> {
  const r = await res
  if (!r.ok()) expect.fail(`${r.url()} answered ${r.status()}: ${await r.text()}`)
  return (r.status() === 204 ? undefined : await r.json()) as T
}

/** A client signed in with these credentials. */
export async function signedInApi(
  baseURL: string,
  credentials: { email: string; password: string },
): Promise<APIRequestContext> {
  const api = await visitorApi(baseURL)
  await ok(api.post('/api/auth/login', { data: credentials }))
  return api
}

export interface Account {
  email: string
  password: string
  displayName: string
}

/** A new account with this role, through an invitation the admin makes and the person accepts. */
export async function invitedAccount(
  baseURL: string,
  admin: APIRequestContext,
  role: string,
  account: Account,
): Promise<APIRequestContext> {
  const { token } = await ok<{ token: string }>(admin.post('/api/invitations', { data: { role } }))
  const api = await visitorApi(baseURL)
  await ok(api.post(`/api/invitations/${token}/accept`, { data: account }))
  return api
}

/** A point inside Turin (EPSG:4326), spread a little by `i` so places do not overlap. */
export function turinPoint(i: number) {
  return {
    type: 'Point',
    coordinates: [7.66 + (i % 10) * 0.003, 45.06 + Math.floor(i / 10) * 0.003],
  }
}
