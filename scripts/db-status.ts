/** npm run db:status — lists applied and pending migrations. */
import { migrationStatus, openMigrationTarget } from '../app/utils/migrations.server'
import { databaseConfig, runScript } from './lib/cli'

runScript(async () => {
  const { client, description } = openMigrationTarget(databaseConfig())
  try {
    const status = await migrationStatus(client)
    console.log(`Migrations on ${description}:`)
    for (const m of status.applied) {
      console.log(`  applied  ${m.name}  ${m.finishedAt}${m.modified ? '  (changed since it was applied!)' : ''}`)
    }
    for (const m of status.failed) console.log(`  FAILED   ${m.name}  (started, never finished)`)
    for (const m of status.unknown) console.log(`  unknown  ${m.name}  (in the database, not in prisma/migrations)`)
    for (const m of status.pending) console.log(`  pending  ${m.name}`)
    console.log(`${status.applied.length} applied, ${status.pending.length} pending.`)
    return status.failed.length > 0 ? 1 : 0
  } finally {
    client.close()
  }
})
