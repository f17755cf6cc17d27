// Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane
// (OWASP Password Storage Cheat Sheet), through @node-rs/argon2 (Rust, prebuilt per platform:
// nothing compiles at install). Hashes are PHC strings that carry their parameters, so a hash
// made with older parameters still verifies and is replaced at the next sign-in.
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2'

/** Algorithm.Argon2id: the package's enum is a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm

export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19 * 1024, // KiB
  timeCost: 2,
  parallelism: 1,
} as const

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 256

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false // a malformed stored hash is a failed sign-in, not a crash
  }
}

export function needsRehash(stored: string): boolean {
  try {
    const p = parseOptions(stored)
    return (
      p.algorithm !== ARGON2_PARAMS.algorithm ||
      p.memoryCost !== ARGON2_PARAMS.memoryCost ||
      p.timeCost !== ARGON2_PARAMS.timeCost ||
      p.parallelism !== ARGON2_PARAMS.parallelism
    )
  } catch {
    return true
  }
}

let dummy: Promise<string> | undefined

/** Spends the time of one verification, so an unknown email answers as slowly as a known one. */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('intrecci-timing-equaliser')
  await verifyPassword(await dummy, password)
  return false
}
