/** npm run db:check-drift — fails when prisma/schema has changes that no committed migration makes. */
import { runScript } from './lib/cli'
import { diffMigrationsToSchema } from './lib/schema-engine'

runScript(async () => {
  const sql = await diffMigrationsToSchema()
  if (!sql) {
    console.log('Schema and migrations agree.')
    return 0
  }
  console.error(
    'DRIFT: prisma/schema/ differs from what prisma/migrations/ build.\n' +
      'Create a migration for your schema change:  npm run db:migration:new -- <name>\n\n' +
      `The missing SQL is:\n\n${sql}\n`,
  )
  return 1
})
