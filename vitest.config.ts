import { defineConfig } from 'vitest/config'

// Browser tests (*.e2e.test.ts) check what people see and do in Chromium; the database behind
// the server does not change that, and every API they call is tested on both backends. So with
// DATABASE_URL set (the server run) they are left out: it keeps CI's two runs short.
const browserOnlyOnce = process.env.DATABASE_URL ? ['tests/**/*.e2e.test.ts'] : []

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...browserOnlyOnce],
    globalSetup: ['tests/global-setup.ts'],
    // Each file opens its own PGlite (~1 GB, seconds to start): two at a time on two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
})
