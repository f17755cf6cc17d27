// Shared by the auth, authz and security tests: an app over a test database with chosen settings
// and content kinds, accounts made without the HTTP round trip, and requests as a browser on
// this site would send them (JSON, same Origin, optionally from a given socket address).
import { sql, type Kysely } from 'kysely'
import { createApp, type App } from '../../api/app.ts'
import { hashPassword } from '../../api/auth/passwords.ts'
import type { Role } from '../../api/auth/roles.ts'
import { SESSION_COOKIE } from '../../api/auth/session-cookie.ts'
import { createSession } from '../../api/auth/sessions.repository.ts'
import { parseConfig, type Config } from '../../api/config.ts'
import type { Database } from '../../api/db/database.ts'
import type { ContentKind, ContentStatus, QueueItem } from '../../api/moderation/content-kinds.ts'
import { createUser } from '../../api/users/users.repository.ts'
import { openTestDatabase, type TestDatabase } from '../helpers/db.ts'

export const ORIGIN = 'http://localhost'
export const PASSWORD = 'correct horse battery'

export interface AuthTestApp {
  app: App
  db: Kysely<Database>
  database: TestDatabase
  config: Config
  /** Another app over the same database (other settings, same data). */
  withEnv(env: Record<string, string>): App
  close(): Promise<void>
}

export async function authTestApp(
  options: { env?: Record<string, string>; contentKinds?: ContentKind[] } = {},
): Promise<AuthTestApp> {
  const database = await openTestDatabase()
  const make = (env: Record<string, string>) => {
    const config = parseConfig({ BASEMAP_STYLE_URL: 'offline', ...env })
    const app = createApp({
      db: database.db,
      dbKind: database.kind,
      config,
      contentKinds: options.contentKinds ?? [],
    })
    return { app, config }
  }
  const { app, config } = make(options.env ?? {})
  return {
    app,
    db: database.db,
    database,
    config,
    withEnv: (env) => make({ ...options.env, ...env }).app,
    close: () => database.drop(),
  }
}

let sharedHash: Promise<string> | undefined
/** One Argon2 hash of PASSWORD for every account made here (hashing costs ~50 ms). */
export function passwordHash(): Promise<string> {
  sharedHash ??= hashPassword(PASSWORD)
  return sharedHash
}

let counter = 0
export interface TestUser {
  id: string
  email: string
  displayName: string
  role: Role
}

export async function makeUser(
  db: Kysely<Database>,
  role: Role,
  overrides: { email?: string; displayName?: string } = {},
): Promise<TestUser> {
  counter++
  const email = overrides.email ?? `${role}-${counter}-${process.pid}@example.org`
  const displayName = overrides.displayName ?? `${role} ${counter}`
  const row = await createUser(db, {
    email,
    displayName,
    passwordHash: await passwordHash(),
    role,
  })
  return { id: row.id, email, displayName, role }
}

/** A fresh session for the user, as the Cookie header a browser would send. */
export async function cookieFor(db: Kysely<Database>, userId: string): Promise<string> {
  const { token } = await createSession(db, { userId, idleDays: 30 })
  return `${SESSION_COOKIE}=${token}`
}

export interface CallOptions {
  body?: unknown
  cookie?: string | undefined
  /** null: no Origin header. */
  origin?: string | null
  /** null: no Content-Type header. Default application/json for bodies and unsafe methods. */
  contentType?: string | null
  /** Raw body text (instead of JSON.stringify(body)). */
  raw?: string
  /** The socket's remote address, as @hono/node-server would give it. */
  address?: string
  headers?: Record<string, string>
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function call(app: App, method: string, path: string, o: CallOptions = {}) {
  const headers: Record<string, string> = { ...o.headers }
  const unsafe = UNSAFE.has(method)
  if (o.cookie) headers.cookie = o.cookie
  const origin = o.origin === undefined ? (unsafe ? ORIGIN : null) : o.origin
  if (origin !== null) headers.origin = origin
  const contentType =
    o.contentType === undefined ? (unsafe ? 'application/json' : null) : o.contentType
  if (contentType !== null) headers['content-type'] = contentType
  const body = o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : unsafe ? '{}' : undefined)
  return app.request(
    path,
    { method, headers, ...(body !== undefined ? { body } : {}) },
    bindings(o.address ?? '127.0.0.1'),
  )
}

/** Node bindings as @hono/node-server passes them: what clientAddress() reads. */
export function bindings(address: string) {
  return { incoming: { socket: { remoteAddress: address } } }
}

/** The Set-Cookie session token, if the response set one. */
export function sessionFrom(res: Response): string | undefined {
  const header = res.headers.getSetCookie().find((h) => h.startsWith(`${SESSION_COOKIE}=`))
  const value = header?.split(';')[0]!.slice(SESSION_COOKIE.length + 1)
  return value ? `${SESSION_COOKIE}=${value}` : undefined
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

const NOTES = sql.table('test_notes')

interface NoteRow {
  id: string
  status: ContentStatus
  body: string
  author_id: string | null
  pseudonym: string | null
  created_at: Date
}

/** The table behind noteKind, made by the test that uses it. */
export async function createNotesTable(db: Kysely<Database>) {
  await sql`create table if not exists test_notes (
    id text primary key,
    status text not null,
    body text not null,
    author_id uuid,
    pseudonym text,
    created_at timestamptz not null default clock_timestamp()
  )`.execute(db)
}

export interface NewNote {
  id?: string
  status?: ContentStatus
  body?: string
  authorId?: string | null
  pseudonym?: string | null
}

export async function addNote(db: Kysely<Database>, n: NewNote = {}): Promise<string> {
  const id = n.id ?? `note-${++counter}`
  await sql`insert into test_notes (id, status, body, author_id, pseudonym)
    values (${id}, ${n.status ?? 'published'}, ${n.body ?? 'a note'}, ${n.authorId ?? null},
            ${n.pseudonym ?? null})`.execute(db)
  return id
}

export async function noteStatus(db: Kysely<Database>, id: string) {
  const r = await sql<NoteRow>`select * from test_notes where id = ${id}`.execute(db)
  return r.rows[0]
}

function toItem(r: NoteRow): QueueItem {
  return {
    kind: 'note',
    id: r.id,
    status: r.status,
    createdAt: new Date(r.created_at),
    title: r.body.slice(0, 40),
    excerpt: r.body,
    author: { id: r.author_id, displayName: null, pseudonym: r.pseudonym },
    context: {},
  }
}

const affected = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n)

/**
 * A content kind for tests ("note", in the table test_notes): enough to exercise the
 * moderation spine (queue, actions, reports, export, erasure) before real content kinds exist.
 */
export const noteKind: ContentKind = {
  kind: 'note',
  async listPending(db, q) {
    const before = q.before ?? null
    const rows = await sql<NoteRow>`select * from ${NOTES} where status = 'pending'
      and (${before}::timestamptz is null or created_at < ${before}::timestamptz)
      order by created_at desc limit ${q.limit}`.execute(db)
    return rows.rows.map(toItem)
  },
  async describe(db, ids) {
    if (ids.length === 0) return []
    const rows =
      await sql<NoteRow>`select * from ${NOTES} where id in (${sql.join([...ids])})`.execute(db)
    return rows.rows.map(toItem)
  },
  async getStatus(db, id) {
    const rows = await sql<NoteRow>`select status from ${NOTES} where id = ${id}`.execute(db)
    return rows.rows[0]?.status
  },
  async setStatus(db, id, change) {
    const r = await sql`update ${NOTES} set status = ${change.to}
      where id = ${id} and status in (${sql.join([...change.from])})`.execute(db)
    return affected(r) > 0
  },
  async forgetAuthor(db, userId) {
    const r = await sql`update ${NOTES} set author_id = null where author_id = ${userId}`.execute(
      db,
    )
    return affected(r)
  },
  async exportFor(db, userId) {
    const rows = await sql<NoteRow>`select * from ${NOTES} where author_id = ${userId}`.execute(db)
    return rows.rows.map((r) => ({ id: r.id, body: r.body, status: r.status }))
  },
}

/**
 * For tests/api/authz-matrix.test.ts: how to act as `caller` on an object owned by `owner`
 * through one route. Resolves true when the route let it through and false when it answered
 * 403 (anything else should fail inside the case). Modules export theirs as `objectCases` from
 * a file `tests/api/<module>.authz-cases.ts`, keyed by the POLICY key.
 */
export type ObjectCase = (
  ctx: { app: App; db: Kysely<Database> },
  caller: TestUser,
  owner: TestUser,
) => Promise<boolean>
