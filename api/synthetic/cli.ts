// `npm run synthetic -- signals 100000 --seed 42 [--as-of 2026-04-01] [--clear]`: adds synthetic
// need signals (api/synthetic/signals.ts) to the configured database (DATABASE_URL or DATA_DIR).
import { parseArgs } from 'node:util'
import { ConfigError, parseConfig } from '../config.ts'
import { openDatabase } from '../db/connect.ts'
import { StartupError } from '../db/errors.ts'
import { prepareDatabase } from '../db/prepare.ts'
import { deleteSyntheticSignals, generateSignals } from './signals.ts'

const USAGE =
  'usage: npm run synthetic -- signals <count> [--seed N] [--as-of YYYY-MM-DD] [--clear]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string' },
    clear: { type: 'boolean', default: false },
  },
})
const [what, countText] = positionals
const count = Number(countText)
if (what !== 'signals' || !Number.isInteger(count) || count < 0) {
  console.error(USAGE)
  process.exit(2)
}

try {
  const database = await openDatabase(parseConfig(process.env))
  try {
    await prepareDatabase(database, (m) => console.log(`[intrecci] ${m}`))
    if (values.clear) {
      console.log(`[synthetic] removed ${await deleteSyntheticSignals(database.db)} signals`)
    }
    const t0 = performance.now()
    await generateSignals(database.db, {
      count,
      seed: Number(values.seed),
      ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      onProgress: (n) => console.log(`[synthetic] ${n} / ${count}`),
    })
    console.log(
      `[synthetic] ${count} signals in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
        `(${database.kind} at ${database.location})`,
    )
  } finally {
    await database.close()
  }
} catch (err) {
  if (err instanceof StartupError || err instanceof ConfigError || err instanceof RangeError) {
    console.error(`intrecci: ${err.message}`)
    process.exit(1)
  }
  throw err
}
