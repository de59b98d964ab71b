import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, readSchema, scanSource, sourceFiles, withoutComments } from '#tests/support/ownership'

/**
 * Every write to a table goes through a function or statement builder of the module that owns
 * it (docs/decisions/0009-module-ownership.md). The owner of a model is the module of the
 * schema file that declares it (`prisma/schema/<module>.prisma`; `schema.prisma` is accounts').
 * Routes and shared code (app/utils, the composition files in app/modules) write no table.
 */

const schema = readSchema()

/**
 * Files whose writes name their table at run time, and where the names come from: each table
 * found there is checked like any other write.
 */
const TABLES_NAMED_AT_RUN_TIME: Record<string, RegExp> = {
  // upsert(table, …) builds the sync's INSERT … ON CONFLICT statements; its callers name the table.
  'app/modules/content/content-sync.server.ts': /\bupsert\(\s*'(\w+)'/g,
}

interface Scanned {
  file: string
  /** the module whose folder holds the file; null for routes and shared code */
  module: string | null
}

function scannedFiles(): Scanned[] {
  const modules = readdirSync(join(ROOT, 'app/modules'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
  return [
    // testing/ holds a module's test fixtures, which seed rows of every module like tests/support (see the last test).
    ...modules.flatMap((module) =>
      sourceFiles(`app/modules/${module}`, { skipDirs: ['testing'] }).map((file) => ({ file, module })),
    ),
    ...sourceFiles('app/modules', { recursive: false }).map((file) => ({ file, module: null })),
    ...sourceFiles('app/routes').map((file) => ({ file, module: null })),
    ...sourceFiles('app/utils').map((file) => ({ file, module: null })),
  ]
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length

function writesOf({ file, module }: Scanned) {
  const source = readFileSync(join(ROOT, file), 'utf8')
  const scan = scanSource(source, schema, module ?? undefined)
  const writes = scan.writes.map((w) => ({ ...w, file }))
  const named = TABLES_NAMED_AT_RUN_TIME[file]
  if (named) {
    const text = withoutComments(source)
    for (const m of text.matchAll(named))
      writes.push({ file, line: lineOf(text, m.index), table: m[1]!, how: 'a table named at run time' })
  }
  const unexplained = named
    ? []
    : scan.dynamic.map(
        (line) =>
          `${file}:${line} writes a table whose name is computed at run time: list where its names come from in TABLES_NAMED_AT_RUN_TIME`,
      )
  return { writes, unexplained }
}

function foreignWrites(): string[] {
  const problems: string[] = []
  for (const scanned of scannedFiles()) {
    const { writes, unexplained } = writesOf(scanned)
    problems.push(...unexplained)
    for (const w of writes) {
      const owner = schema.owner.get(w.table)
      if (!owner) {
        problems.push(`${w.file}:${w.line} writes "${w.table}" (${w.how}), which no schema file declares`)
      } else if (scanned.module === null) {
        problems.push(
          `${w.file}:${w.line} writes "${w.table}" (${w.how}) outside any module: call a function of ${owner}, which owns it (${schema.file.get(w.table)})`,
        )
      } else if (owner !== scanned.module) {
        problems.push(
          `${w.file}:${w.line} writes "${w.table}" (${w.how}), a table of ${owner} (${schema.file.get(w.table)}): ` +
            `use a function or statement builder that ${owner} exports`,
        )
      }
    }
  }
  return problems
}

describe('which module owns a table', () => {
  it('is the module of the schema file that declares the model', () => {
    expect(schema.owner.get('User')).toBe('accounts')
    expect(schema.owner.get('TeamMember')).toBe('teams')
    expect(schema.owner.get('UserTopicXp')).toBe('learning')
    expect(schema.owner.get('AIUsage')).toBe('billing')
    expect(schema.owner.get('AIUsageMonthly')).toBe('billing')
    expect(schema.owner.get('TutorSession')).toBe('tutor')
    expect(schema.delegate.get('aIUsage')).toBe('AIUsage')
    expect(schema.relations).toContainEqual({
      model: 'Team',
      field: 'activeUsers',
      target: 'User',
      foreignKeyHere: false,
    })
    expect(schema.relations).toContainEqual({
      model: 'TeamMember',
      field: 'user',
      target: 'User',
      foreignKeyHere: true,
    })
  })
})

describe('the scan of a source file', () => {
  const tables = (source: string, module?: string) =>
    scanSource(source, schema, module).writes.map((w) => `${w.line}:${w.table}`)

  it('finds raw SQL writes, quoted or not, in any case when quoted, with their lines', () => {
    const source = [
      'const a = { sql: `UPDATE "User" SET "totalXp" = 1` }',
      'const b = \'INSERT INTO "TeamMember" ("id") VALUES (?)\'',
      'const c = `DELETE FROM Session WHERE id = ?`',
      'const d = `insert or replace into "Streak" (id) values (?)`',
      'const e = `REPLACE INTO "Tag" (id) VALUES (?)`',
      'const f = `INSERT INTO "UserTopicXp" (...) ON CONFLICT ("id") DO UPDATE SET "level" = 1`',
    ].join('\n')
    expect(tables(source)).toEqual(['1:User', '2:TeamMember', '3:Session', '4:Streak', '5:Tag', '6:UserTopicXp'])
  })

  it('finds Prisma writes by delegate, and nested writes that reach another module’s table', () => {
    const source = [
      'await prisma.user.updateMany({ where: { id }, data: { activeTeamId } })',
      'await tx.aIUsage.create({ data })',
      'await prisma.team.create({ data: { owner: { connect: { id } }, members: { create: { role } }, activeUsers: { connect: { id } } } })',
      'await prisma.team.update({ where: { id }, data: { owner: { update: { name } } } })',
    ].join('\n')
    expect(tables(source, 'teams')).toEqual(['1:User', '2:AIUsage', '3:Team', '3:User', '4:Team', '4:User'])
  })

  it('ignores reads, prose and comments, and reports a table named at run time', () => {
    const source = [
      '// UPDATE "User" SET "name" = ?  (a comment about SQL)',
      '/* prisma.user.update() */ const x = await prisma.user.findMany({ where: { activeUsers: { some: {} } } })',
      "throw new Error('Could not update Team settings')",
      'const y = `SELECT 1 FROM "User" WHERE "id" = ?` // DELETE FROM "User"',
      'const accept = \'image/*\' /* a glob is no comment */; const z = `UPDATE "Session" SET x = 1`',
      'const w = `INSERT INTO "${table}" (a) VALUES (?)`',
    ].join('\n')
    const scan = scanSource(source, schema, 'teams')
    expect(scan.writes.map((w) => `${w.line}:${w.table}`)).toEqual(['5:Session'])
    expect(scan.dynamic).toEqual([6])
  })
})

describe('module ownership of writes', () => {
  it('sees the writes the code makes (the scan is not blind)', () => {
    const all = scannedFiles().flatMap((scanned) => writesOf(scanned).writes)
    const where = (file: string) => new Set(all.filter((w) => w.file === file).map((w) => w.table))
    expect(where('app/modules/learning/submission.server.ts')).toEqual(
      new Set([
        'UserTopicXp',
        'UserTaskAttempt',
        'ReviewCard',
        'ReviewLog',
        'XpLedgerEntry',
        'ConceptMastery',
        'Progress',
        'LearnerProfile',
        'Streak',
        'StreakFreeze',
      ]),
    )
    expect(where('app/modules/accounts/statements.server.ts')).toContain('User')
    expect(where('app/modules/teams/statements.server.ts')).toContain('TeamMember')
    expect(where('app/modules/content/content-sync.server.ts')).toEqual(new Set(['Subject', 'TopicXpConfig', 'Task']))
    expect(all.length).toBeGreaterThan(60)
  })

  it('no module writes a table of another module, and no route or shared file writes one at all', () => {
    expect(foreignWrites()).toEqual([])
  })

  it('module test fixtures (app/modules/*/testing/) are imported by tests only', () => {
    const importers = scannedFiles()
      .map(({ file }) => ({ file, source: withoutComments(readFileSync(join(ROOT, file), 'utf8')) }))
      .filter(({ source }) => /from\s+['"][^'"]*\/testing\/[^'"]*['"]/.test(source))
      .map(({ file }) => file)
    expect(importers).toEqual([])
  })
})
