// `prisma generate` without a download: the Prisma 7 client needs no engine, but the
// CLI looks for the native schema engine first. Any executable satisfies that check.
import { spawnSync } from 'node:child_process'

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
})
process.exit(result.status ?? 1)
