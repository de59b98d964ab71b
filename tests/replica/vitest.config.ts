import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Embedded replicas against a real sqld primary; needs `npm run build` first. */
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('../../app', import.meta.url)) } },
  test: {
    include: ['tests/replica/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
