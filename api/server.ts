// The only file that reads process.env and listens. Start-up failures print one clear line.
import type { Server, ServerResponse } from 'node:http'
import net, { type AddressInfo, type Socket } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { ConfigError, parseConfig, type Config } from './config.ts'
import { openDatabase, type OpenDatabase } from './db/connect.ts'
import { StartupError } from './db/errors.ts'
import { prepareDatabase } from './db/prepare.ts'
import { warmTiles } from '../tiles/warm.ts'
import { MapEvents } from './maps/events.ts'

// In-flight requests get this long to finish on SIGINT/SIGTERM before the process exits anyway.
const SHUTDOWN_GRACE_MS = 10_000

async function main() {
  const t0 = performance.now()
  const config = parseConfig(process.env)
  log(
    config.databaseUrl
      ? 'connecting to PostgreSQL…'
      : `opening the embedded database in ${config.dataDir}…`,
  )
  const database = await openDatabase(config)
  // Set once listening; the signal handlers below may run before that.
  const running: { server?: Server } = {}
  // The maps' live streams never end by themselves: they are ended before draining.
  const mapEvents = new MapEvents()
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: finishing in-flight requests, then closing the database`)
    const force = setTimeout(() => {
      log('shutdown took too long: exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    mapEvents.close()
    if (running.server) await drain(running.server)
    await database.close()
    log('stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  const prepared = await prepareDatabase(database, log, { demo: config.demoContent })
  if (prepared.migrations.length) log(`applied ${prepared.migrations.length} migrations`)
  if (prepared.territoryRows) log(`loaded ${prepared.territoryRows} areas of the territory`)
  if (prepared.demo) {
    log(`loaded demo content: ${prepared.demo.places} places, ${prepared.demo.resources} resources`)
  }
  if (stopping) return
  const app = createApp({ db: database.db, dbKind: database.kind, config, mapEvents })
  // @hono/node-server's default is an HTTP/1.1 server.
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info: AddressInfo) => {
      describe(config, database, info, performance.now() - t0)
      // The first view's tiles, in the background: a failure here only costs speed.
      warmTiles(app).catch((err: Error) => log(`tile warm-up stopped: ${err.message}`))
    },
  ) as Server
  running.server = server
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('request', (_req, res: ServerResponse) => {
    // While draining, tell clients not to reuse the connection.
    if (stopping) res.setHeader('Connection', 'close')
    inFlight++
    lastActivity = performance.now()
    res.on('close', () => {
      inFlight--
      lastActivity = performance.now()
    })
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    fail(
      err.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use: set PORT to another one`
        : err.message,
    )
  })
}

let inFlight = 0
// When a request last started or ended: "quiet" is measured from it, not from the last check, so
// a check that runs late (the loop was busy) cannot find the server quiet before it has read
// the requests that arrived meanwhile.
let lastActivity = 0
const sockets = new Set<Socket>()

/**
 * Lets every request already sent finish, then closes the connections.
 * - For ACCEPT_GRACE_MS it keeps accepting: connections already in the kernel's backlog (the loop
 *   was busy) would otherwise be reset when the listening socket closes. Responses meanwhile say
 *   `Connection: close`.
 * - Then it stops listening, but not with http.Server#close(), which would also drop sockets
 *   whose request has arrived and is not parsed yet; it waits until no request has been in
 *   flight for QUIET_MS, then ends every connection once its pending output is written.
 */
async function drain(server: Server) {
  const ACCEPT_GRACE_MS = 300
  const QUIET_MS = 100
  await new Promise((r) => setTimeout(r, ACCEPT_GRACE_MS))
  // Timers run before the poll phase: after a busy spell the grace timer can fire before the
  // connections that arrived meanwhile are accepted. One more turn of the loop accepts them.
  await new Promise((r) => setImmediate(r))
  // net's close: the callback fires once every connection has ended.
  const closed = new Promise<void>((resolve) =>
    net.Server.prototype.close.call(server, () => resolve()),
  )
  for (;;) {
    await new Promise((r) => setTimeout(r, 20))
    // Let the poll phase read what arrived while the loop was busy before judging it quiet.
    await new Promise((r) => setImmediate(r))
    if (inFlight === 0 && performance.now() - lastActivity >= QUIET_MS) break
  }
  // end(), not destroy(): a response may still sit in the socket's write buffer (a slow reader);
  // end() flushes it, then closes. Keep-alive sockets with nothing pending just close.
  for (const socket of sockets) socket.end()
  await closed
}

function describe(config: Config, database: OpenDatabase, info: AddressInfo, ms: number) {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const db =
    database.kind === 'pglite'
      ? `embedded PGlite + PostGIS, data in ${database.location}`
      : `PostgreSQL + PostGIS at ${database.location}`
  log(`database: ${db}`)
  log(
    `basemap: ${config.basemapStyleUrl === 'offline' ? 'offline (built from local data)' : config.basemapStyleUrl}`,
  )
  log(`ready in ${(ms / 1000).toFixed(1)} s → http://${host}:${info.port}`)
}

function log(message: string) {
  console.log(`[intrecci] ${message}`)
}

function fail(message: string): never {
  console.error(`intrecci: ${message}`)
  process.exit(1)
}

main().catch((err: unknown) => {
  if (err instanceof StartupError || err instanceof ConfigError) fail(err.message)
  console.error(err)
  fail('start-up failed (the error above says why)')
})
