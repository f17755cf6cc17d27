import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Each file opens its own PGlite (~1 GB, seconds to start): two at a time on two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
})
