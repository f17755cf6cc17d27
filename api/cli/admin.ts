// `npm run admin -- create <email> [--name "…"]`, `set-role <email> <role>`,
// `set-password <email>`: account administration without the web, e.g. the first admin.
// The password comes from ADMIN_PASSWORD (scripts, tests) or a hidden prompt on a terminal.
// Prints one line; exits 1 with one line on error.
import { parseArgs } from 'node:util'
import { ConfigError, parseConfig } from '../config.ts'
import { openDatabase } from '../db/connect.ts'
import { StartupError } from '../db/errors.ts'
import { prepareDatabase } from '../db/prepare.ts'
import {
  AdminCommandError,
  createAdmin,
  setUserPassword,
  setUserRole,
  USAGE,
} from '../users/admin-commands.ts'

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) {
    throw new AdminCommandError('no terminal to ask the password on: set ADMIN_PASSWORD')
  }
  const first = await promptHidden('Password: ')
  const again = await promptHidden('Password again: ')
  if (first !== again) throw new AdminCommandError('the two passwords differ')
  return first
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stdout.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let value = ''
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done()
          resolve(value)
          return
        }
        if (ch === '\u0003') {
          done()
          reject(new AdminCommandError('cancelled'))
          return
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stdout.write('\n')
    }
    stdin.on('data', onData)
  })
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  const [command, email, role] = positionals
  if (values.help || !command || !email) throw new AdminCommandError(USAGE)
  if (command === 'set-role' && !role) throw new AdminCommandError(USAGE)
  if (!['create', 'set-role', 'set-password'].includes(command)) {
    throw new AdminCommandError(`unknown command "${command}"\n${USAGE}`)
  }
  const password = command === 'set-role' ? '' : await readPassword()
  const database = await openDatabase(parseConfig(process.env))
  try {
    await prepareDatabase(database)
    const db = database.db
    const line =
      command === 'create'
        ? await createAdmin(db, { email, password, displayName: values.name })
        : command === 'set-role'
          ? await setUserRole(db, { email, role: role! })
          : await setUserPassword(db, { email, password })
    console.log(line)
  } finally {
    await database.close()
  }
}

try {
  await main(process.argv.slice(2))
} catch (err) {
  if (
    err instanceof AdminCommandError ||
    err instanceof StartupError ||
    err instanceof ConfigError
  ) {
    console.error(`intrecci admin: ${err.message}`)
    process.exit(1)
  }
  throw err
}
