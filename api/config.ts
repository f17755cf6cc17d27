// Configuration: parsed once from the environment, failing fast with the variable at fault.
import path from 'node:path'
import { z } from 'zod'

/** The free, key-less OpenStreetMap-based style used when the network answers. */
export const DEFAULT_BASEMAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty'

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
  }
}
