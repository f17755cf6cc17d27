import { defineConfig } from 'vitest/config'

// Browser tests (*.e2e.test.ts) check what people see and do in Chromium; the database behind
// the server does not change that, and every API they call is tested on both backends. So with
// DATABASE_URL set (the server run) they are left out: it keeps CI's two runs short.
const withBrowser = !process.env.DATABASE_URL
// The one test that times something a person waits for in the browser (a drawing reaching
// another screen within a second) runs alone, after the rest: beside another file's embedded
// database on two cores, its second measured the machine rather than the app.
const TIMED = 'tests/e2e/maps-live.e2e.test.ts'

const timeouts = { testTimeout: 30_000, hookTimeout: 180_000 }

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'suite',
          include: ['tests/**/*.test.ts'],
          exclude: [
            '**/node_modules/**',
            TIMED,
            ...(withBrowser ? [] : ['tests/**/*.e2e.test.ts']),
          ],
          // Each file opens its own PGlite (~1 GB, seconds to start): two at a time on two cores.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          ...timeouts,
        },
      },
      ...(withBrowser
        ? [
            {
              test: {
                name: 'timed',
                include: [TIMED],
                fileParallelism: false,
                sequence: { groupOrder: 1 },
                ...timeouts,
              },
            },
          ]
        : []),
    ],
  },
})
