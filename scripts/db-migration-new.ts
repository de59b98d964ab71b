/** npm run db:migration:new -- <name> — writes the SQL that brings the migrations up to the schema. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { MIGRATIONS_DIR } from '../app/utils/migrations.server'
import { runScript } from './lib/cli'
import { diffMigrationsToSchema } from './lib/schema-engine'

const Name = z
  .string({ message: 'give a name: npm run db:migration:new -- add_streak_freezes' })
  .regex(/^[a-z0-9_]{1,60}$/, 'use lower-case letters, digits and underscores, e.g. add_streak_freezes')

function timestamp(date = new Date()) {
  return date.toISOString().replace(/\D/g, '').slice(0, 14)
}

runScript(async () => {
  const parsed = Name.safeParse(process.argv[2])
  if (!parsed.success) {
    console.error(parsed.error.issues[0]?.message)
    return 2
  }
  const sql = await diffMigrationsToSchema()
  if (!sql) {
    console.log('The schema and the migrations already agree: no migration needed.')
    return 0
  }
  const dir = join(MIGRATIONS_DIR, `${timestamp()}_${parsed.data}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'migration.sql'), `${sql}\n`)
  console.log(`Wrote ${join(dir, 'migration.sql')}:\n\n${sql}\n`)
  console.log('Review it (add hand-written SQL for FTS5/vector objects if needed), then run npm run db:migrate.')
})
