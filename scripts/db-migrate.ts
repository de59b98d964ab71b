/** npm run db:migrate — applies pending migrations to the local file or the primary. */
import { applyMigrations, openMigrationTarget } from '../app/utils/migrations.server'
import { databaseConfig, runScript } from './lib/cli'

runScript(async () => {
  const { client, description } = openMigrationTarget(databaseConfig())
  try {
    console.log(`Migrating ${description}`)
    const result = await applyMigrations(client, {
      onApplied: (name, ms) => console.log(`  applied ${name} (${Math.round(ms)} ms)`),
    })
    console.log(
      result.applied.length === 0
        ? `Up to date (${result.alreadyApplied} migrations applied).`
        : `Applied ${result.applied.length} migration(s).`,
    )
  } finally {
    client.close()
  }
})
