// Configuration: parsed once from the environment, failing fast with the variable at fault.
import net from 'node:net'
import path from 'node:path'
import { z } from 'zod'

/** The free, key-less OpenStreetMap-based style used when the network answers. */
export const DEFAULT_BASEMAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty'

/** [minLon, minLat, maxLon, maxLat] in EPSG:4326 degrees. */
export type Bbox = [number, number, number, number]

/** Turin and the CIdiS municipalities (Beinasco … Volvera), with a margin. */
export const DEFAULT_TERRITORY_BBOX: Bbox = [7.35, 44.9, 7.9, 45.25]

const port = z.coerce.number().int().min(0).max(65535)

const envSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  BASEMAP_STYLE_URL: z
    .union([z.literal('offline'), z.url({ protocol: /^https?$/ })])
    .default(DEFAULT_BASEMAP_STYLE_URL),
  LOG_REQUESTS: z.enum(['on', 'off']).default('off'),
  // Invented demo places and resources (fixtures/demo), loaded once into an empty database.
  DEMO_CONTENT: z.enum(['on', 'off']).default('on'),
  // Accounts and security (see api/security/ and api/auth/).
  TRUSTED_PROXY: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  BASEMAP_ORIGINS: z.string().optional(),
  COOKIE_SECURE: z.enum(['auto', 'on', 'off']).default('auto'),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SELF_REGISTRATION: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_ANON_WRITES: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_USER_WRITES: z.coerce.number().int().min(0).default(120),
  RATE_LIMIT_CLIENT_WRITES: z.coerce.number().int().min(0).default(600),
  // Geometry guard (api/geo/guard.ts): minLon,minLat,maxLon,maxLat, EPSG:4326 degrees.
  TERRITORY_BBOX: z
    .string()
    .regex(/^\s*-?[\d.]+(\s*,\s*-?[\d.]+){3}\s*$/, 'must be minLon,minLat,maxLon,maxLat')
    .default(DEFAULT_TERRITORY_BBOX.join(','))
    .transform((v) => v.split(',').map(Number) as Bbox)
    .refine(
      ([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n,
      'must be minLon,minLat,maxLon,maxLat with min < max, in degrees',
    ),
})

export interface Config {
  port: number
  host: string
  /** Server database; absent → embedded PGlite in dataDir. */
  databaseUrl: string | undefined
  /** Absolute path of the embedded database's directory. */
  dataDir: string
  /** An http(s) style URL, or 'offline' for the style built from the project's own data. */
  basemapStyleUrl: string
  logRequests: boolean
  /** Load the demo content (fixtures/demo) into an empty database at start-up. */
  demoContent: boolean
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: addresses or CIDR ranges.
   * Empty → the client address is the socket's, whatever the headers say. */
  trustedProxies: string[]
  /** Other origins allowed to call the API from a browser (CORS, and the CSRF origin check). */
  corsOrigins: string[]
  /** Extra origins the basemap's tiles, glyphs or sprites come from (Content-Security-Policy). */
  basemapOrigins: string[]
  /** Session cookies get `Secure`: 'auto' → when the request came over https. */
  cookieSecure: 'auto' | 'on' | 'off'
  /** A session ends after this many days without use. */
  sessionIdleDays: number
  /** Visitors may create a resident account themselves (otherwise only by invitation). */
  selfRegistration: boolean
  /** Unsafe /api requests allowed per minute (token buckets, 0 = no limit): per client address
   * for visitors, per account for people signed in, and per client address for everyone. */
  rateLimits: { anonWrites: number; userWrites: number; clientWrites: number }
  /** Geometry outside this box is refused (422): [minLon, minLat, maxLon, maxLat]. */
  territoryBbox: Bbox
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    basemapStyleUrl: e.BASEMAP_STYLE_URL,
    logRequests: e.LOG_REQUESTS === 'on',
    demoContent: e.DEMO_CONTENT === 'on',
    trustedProxies: proxies(e.TRUSTED_PROXY),
    corsOrigins: origins('CORS_ORIGINS', e.CORS_ORIGINS),
    basemapOrigins: origins('BASEMAP_ORIGINS', e.BASEMAP_ORIGINS),
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleDays: e.SESSION_IDLE_DAYS,
    selfRegistration: e.SELF_REGISTRATION === 'on',
    rateLimits: {
      anonWrites: e.RATE_LIMIT_ANON_WRITES,
      userWrites: e.RATE_LIMIT_USER_WRITES,
      clientWrites: e.RATE_LIMIT_CLIENT_WRITES,
    },
    territoryBbox: e.TERRITORY_BBOX,
  }
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Addresses (`10.0.0.2`, `::1`) or CIDR ranges (`10.0.0.0/8`). */
function proxies(value: string | undefined): string[] {
  return list(value).map((p) => {
    const [address, bits, extra] = p.split('/')
    const family = net.isIP(address ?? '')
    const max = family === 6 ? 128 : 32
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max)
    if (!family || !okBits || extra !== undefined) {
      throw new ConfigError(`TRUSTED_PROXY: "${p}" is not an IP address or CIDR range`)
    }
    return p
  })
}

/** A comma-separated list of http(s) origins, each normalised (`https://a.example`). */
function origins(name: string, value: string | undefined): string[] {
  return list(value).map((o) => {
    let url: URL | undefined
    try {
      url = new URL(o)
    } catch {
      url = undefined
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
      throw new ConfigError(`${name}: "${o}" is not an origin like https://example.org`)
    }
    return url.origin
  })
}
