/**
 * npm run db:data-migrate [-- --status] — runs the pending batch data migrations
 * (app/modules/data-migrations.server.ts) in order, printing progress, or with --status lists them.
 * Resumable: an interrupted run continues from its stored cursor; a completed one is skipped.
 */
import { z } from 'zod'
import { DATA_MIGRATIONS } from '../app/modules/data-migrations.server'
import { dataMigrationStatus, runDataMigration } from '../app/modules/system/data-migrations.server'
import { disconnectDatabase } from '../app/utils/db.server'
import { runScript } from './lib/cli'

const Args = z.union([z.tuple([]), z.tuple([z.literal('--status')])], {
  message: 'takes no argument, or --status',
})
const BatchSize = z.coerce.number().int().min(1).max(10_000).default(500)

runScript(async () => {
  const args = Args.safeParse(process.argv.slice(2))
  const batchSize = BatchSize.safeParse(process.env.DATA_MIGRATION_BATCH || undefined)
  if (!args.success || !batchSize.success) {
    console.error(
      !args.success
        ? `db:data-migrate ${args.error.issues[0]?.message}`
        : 'DATA_MIGRATION_BATCH: a whole number 1–10000',
    )
    return 2
  }
  try {
    if (args.data.length === 1) {
      for (const s of await dataMigrationStatus(DATA_MIGRATIONS))
        console.log(
          `  ${s.completedAt ? 'done   ' : s.startedAt ? 'partial' : 'pending'}  ${s.name}  ${s.rowsDone} rows in ${s.batches} batches${s.completedAt ? `, completed ${s.completedAt}` : ''}`,
        )
      return 0
    }
    for (const migration of DATA_MIGRATIONS) {
      const result = await runDataMigration(migration, {
        batchSize: batchSize.data,
        onProgress: (p) => process.stdout.write(`\r  ${p.name}: ${p.rowsDone} rows, ${p.batches} batches`),
      })
      if (result.outcome === 'already-done') console.log(`  ${migration.name}: done before`)
      else console.log(`\n  ${migration.name}: completed, ${result.state.rowsDone} rows`)
    }
    return 0
  } finally {
    await disconnectDatabase()
  }
})
