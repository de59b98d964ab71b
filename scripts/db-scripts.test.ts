import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

/**
 * The npm db:* scripts, run as a developer runs them, on a copy of this project's
 * prisma/ folder so that the tests can change the schema.
 */
const run = promisify(execFile)
const TSX = resolve('node_modules/.bin/tsx')
const script = (name: string) => resolve('scripts', name)

function projectCopy() {
  const root = mkdtempSync(join(tmpdir(), 'questlog-project-'))
  cpSync(resolve('prisma'), join(root, 'prisma'), { recursive: true })
  return root
}

async function runScript(root: string, name: string, args: string[] = [], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, [script(name), ...args], {
      cwd: root,
      env: {
        NODE_ENV: 'test',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: `file:${join(root, 'data/test.db')}`,
        ...env,
      },
    })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, output: e.stdout + e.stderr }
  }
}

function addFieldToUser(root: string) {
  const file = join(root, 'prisma/schema/schema.prisma')
  const schema = readFileSync(file, 'utf8')
  const changed = schema.replace(/model User \{\n/, 'model User {\n  favouriteColour String?\n')
  expect(changed).not.toBe(schema)
  writeFileSync(file, changed)
}

describe('drift check (npm run db:check-drift)', () => {
  it('passes when the schema and the committed migrations agree', async () => {
    const result = await runScript(projectCopy(), 'db-check-drift.ts')
    expect(result.output).toContain('Schema and migrations agree.')
    expect(result.code).toBe(0)
  })

  it('fails, saying to create a migration, when a model changes without one', async () => {
    const root = projectCopy()
    addFieldToUser(root)
    const result = await runScript(root, 'db-check-drift.ts')
    expect(result.code).toBe(1)
    expect(result.output).toContain('npm run db:migration:new -- <name>')
    expect(result.output).toContain('"favouriteColour" TEXT')
  })
})

describe('db:migration:new, db:migrate and db:status', () => {
  it('writes a migration for a schema change, which then applies and clears the drift', async () => {
    const root = projectCopy()
    addFieldToUser(root)

    const created = await runScript(root, 'db-migration-new.ts', ['add_favourite_colour'])
    expect(created.code).toBe(0)
    const folder = readdirSync(join(root, 'prisma/migrations')).find((name) => name.endsWith('_add_favourite_colour'))
    expect(folder).toMatch(/^\d{14}_add_favourite_colour$/)
    expect(readFileSync(join(root, 'prisma/migrations', folder!, 'migration.sql'), 'utf8')).toContain(
      'ALTER TABLE "User" ADD COLUMN "favouriteColour" TEXT',
    )

    const before = await runScript(root, 'db-status.ts')
    expect(before.output).toMatch(/pending\s+\d{14}_init/)
    expect(before.output).toMatch(/pending\s+\d{14}_add_favourite_colour/)

    const migrated = await runScript(root, 'db-migrate.ts')
    expect(migrated.code).toBe(0)
    const total = readdirSync(join(root, 'prisma/migrations')).filter((name) => /^\d{14}_/.test(name)).length
    expect(migrated.output).toContain(`Applied ${total} migration(s).`)

    const after = await runScript(root, 'db-status.ts')
    expect(after.output).toContain(`${total} applied, 0 pending.`)
    expect((await runScript(root, 'db-check-drift.ts')).code).toBe(0)
    expect((await runScript(root, 'db-migrate.ts')).output).toContain(`Up to date (${total} migrations applied).`)
  }, 90_000) // six script runs, each starting tsx and the wasm schema engine: slow on a busy 2-core machine

  it('says there is nothing to do when no model changed', async () => {
    const result = await runScript(projectCopy(), 'db-migration-new.ts', ['nothing'])
    expect(result.output).toContain('no migration needed')
  })

  it('refuses a migration name that is not snake_case', async () => {
    const result = await runScript(projectCopy(), 'db-migration-new.ts', ['Add Colour'])
    expect(result.code).toBe(2)
    expect(result.output).toContain('lower-case letters')
  })

  it('stops with a message naming a contradictory variable', async () => {
    const result = await runScript(projectCopy(), 'db-migrate.ts', [], { TURSO_AUTH_TOKEN: 'x' })
    expect(result.code).toBe(1)
    expect(result.output).toContain('TURSO_AUTH_TOKEN: is set but TURSO_DATABASE_URL is not')
  })

  it('refuses to load demo data in production', async () => {
    // The seed uses the app's modules (and their ~/ import alias), so it runs from this project.
    const dir = projectCopy()
    const result = await run(TSX, [script('seed.ts')], {
      cwd: resolve('.'),
      env: {
        NODE_ENV: 'production',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: `file:${join(dir, 'seed.db')}`,
      },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
    )
    expect(result.code).toBe(1)
    expect(result.output).toContain('Refusing to load demo data with NODE_ENV=production')
  })
})
