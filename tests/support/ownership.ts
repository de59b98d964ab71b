import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Who owns which table, and which tables a source file writes (docs/decisions/0009-module-ownership.md).
 * Used by app/modules/ownership.test.ts (every file) and app/modules/user-data.server.test.ts.
 */

export const ROOT = join(import.meta.dirname, '..', '..')

export interface Relation {
  model: string
  field: string
  target: string
  /** the foreign key is on `model` (`@relation(fields: …)`): connecting through the field writes `model`'s row, not the target's */
  foreignKeyHere: boolean
}

export interface Schema {
  /** model (= table: no @@map in this schema) → owning module */
  owner: Map<string, string>
  /** model → the schema file that declares it */
  file: Map<string, string>
  /** Prisma client delegate (`aIUsage`) → model (`AIUsage`) */
  delegate: Map<string, string>
  relations: Relation[]
}

/** The module of a schema file: `<module>.prisma`; `schema.prisma` (generator, datasource, User…) is accounts'. */
export function moduleOfSchemaFile(name: string): string {
  return name === 'schema.prisma' ? 'accounts' : name.replace(/\.prisma$/, '')
}

export function readSchema(dir = join(ROOT, 'prisma', 'schema')): Schema {
  const blocks: Array<{ model: string; file: string; body: string }> = []
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.prisma'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8')
    for (const match of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm))
      blocks.push({ model: match[1]!, file: name, body: match[2]! })
  }
  const schema: Schema = { owner: new Map(), file: new Map(), delegate: new Map(), relations: [] }
  for (const { model, file } of blocks) {
    if (schema.owner.has(model)) throw new Error(`model ${model} is declared twice`)
    schema.owner.set(model, moduleOfSchemaFile(file))
    schema.file.set(model, `prisma/schema/${file}`)
    schema.delegate.set(model[0]!.toLowerCase() + model.slice(1), model)
  }
  for (const { model, body } of blocks) {
    for (const line of body.split('\n')) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?\??\s*(.*)$/.exec(line)
      if (!field || !schema.owner.has(field[2]!)) continue
      schema.relations.push({
        model,
        field: field[1]!,
        target: field[2]!,
        foreignKeyHere: /@relation\([^)]*\bfields\s*:/.test(field[4]!),
      })
    }
  }
  return schema
}

export interface Write {
  line: number
  table: string
  /** how the file writes it, for the failure message */
  how: string
}

export interface Scan {
  writes: Write[]
  /** lines that write a table whose name is computed at run time */
  dynamic: number[]
}

/**
 * Blanks comments (keeping line numbers), so that prose about SQL is not taken for SQL.
 * Knows strings and template literals (SQL lives in those), nested `${…}` included; a regex
 * literal that looks like a comment or a quote blanks at most the rest of its line.
 */
export function withoutComments(source: string): string {
  const out = source.split('')
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '
  }
  // 'code' at the top level; a template literal; an expression inside one (with its open braces).
  const stack: Array<{ kind: 'template' } | { kind: 'expression'; braces: number }> = []
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    const top = stack.at(-1)
    if (top?.kind === 'template') {
      if (c === '\\') i += 2
      else if (c === '`') {
        stack.pop()
        i++
      } else if (c === '$' && source[i + 1] === '{') {
        stack.push({ kind: 'expression', braces: 0 })
        i += 2
      } else i++
      continue
    }
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i)
      blank(i, end === -1 ? source.length : end)
      i = end === -1 ? source.length : end
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2)
      blank(i, end === -1 ? source.length : end + 2)
      i = end === -1 ? source.length : end + 2
    } else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1
      i = j + 1
    } else if (c === '`') {
      stack.push({ kind: 'template' })
      i++
    } else {
      if (top?.kind === 'expression') {
        if (c === '{') top.braces++
        else if (c === '}' && top.braces-- === 0) stack.pop()
      }
      i++
    }
  }
  return out.join('')
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length

// Raw SQL writes. Upper-case keywords take the table quoted or not; any case takes it quoted only,
// so that an English sentence ("could not update Team settings") is not a write.
const RAW_KEYWORD = String.raw`INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+[A-Z]+)?|DELETE\s+FROM`
const RAW_UPPER = new RegExp(String.raw`\b(${RAW_KEYWORD})\s+(?:"(\w+)"|\`(\w+)\`|(\w+)\b|("?\$\{))`, 'g')
const RAW_ANY_CASE = new RegExp(String.raw`\b(${RAW_KEYWORD})\s+"(\w+)"`, 'gi')

const PRISMA_WRITE =
  /\b\w+\s*\.\s*(\w+)\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/g

// Nested writes inside a Prisma `data`: these always write the related model's table…
const NESTED_WRITES_TARGET = [
  'create',
  'createMany',
  'connectOrCreate',
  'update',
  'updateMany',
  'upsert',
  'delete',
  'deleteMany',
]
// …and these write it when the foreign key is on its side (`activeUsers: { connect }` sets User.activeTeamId).
const NESTED_LINKS = ['connect', 'disconnect', 'set']

/**
 * Every table write that `source` spells out: raw SQL (`INSERT INTO`, `UPDATE`, `DELETE FROM`,
 * `REPLACE INTO`), Prisma delegate writes (`prisma.user.update(…)`), and — for a file of
 * `module` — Prisma nested writes through a relation field of one of its models into a model
 * of another module.
 */
export function scanSource(source: string, schema: Schema, module?: string): Scan {
  const text = withoutComments(source)
  const writes: Write[] = []
  const dynamic: number[] = []
  const seen = new Set<string>()
  const add = (index: number, table: string, how: string) => {
    const line = lineAt(text, index)
    const key = `${line}:${table}:${how}`
    if (seen.has(key)) return
    seen.add(key)
    writes.push({ line, table, how })
  }

  for (const m of text.matchAll(RAW_UPPER)) {
    if (m[5]) dynamic.push(lineAt(text, m.index))
    const table = m[2] ?? m[3] ?? m[4]
    if (table && schema.owner.has(table)) add(m.index, table, `raw SQL ${m[1]!.split(/\s+/)[0]!.toUpperCase()}`)
  }
  for (const m of text.matchAll(RAW_ANY_CASE)) {
    const table = m[2]!
    if (schema.owner.has(table)) add(m.index, table, `raw SQL ${m[1]!.split(/\s+/)[0]!.toUpperCase()}`)
  }
  for (const m of text.matchAll(PRISMA_WRITE)) {
    const model = schema.delegate.get(m[1]!)
    if (model) add(m.index, model, `prisma.${m[1]}.${m[2]}()`)
  }
  if (module) {
    for (const r of schema.relations) {
      if (schema.owner.get(r.model) !== module || schema.owner.get(r.target) === module) continue
      const ops = r.foreignKeyHere ? NESTED_WRITES_TARGET : [...NESTED_WRITES_TARGET, ...NESTED_LINKS]
      const nested = new RegExp(String.raw`\b${r.field}\s*:\s*\{\s*(${ops.join('|')})\s*:`, 'g')
      for (const m of text.matchAll(nested)) add(m.index, r.target, `nested ${r.field}: { ${m[1]} } of ${r.model}`)
    }
  }
  return { writes: writes.sort((a, b) => a.line - b.line), dynamic }
}

/** Source files (not tests) under `dir`, as paths relative to the repository. */
export function sourceFiles(dir: string, options: { recursive?: boolean; skipDirs?: string[] } = {}): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (options.recursive !== false && !options.skipDirs?.includes(entry.name))
        out.push(...sourceFiles(path, options))
    } else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.(ts|tsx)$/.test(entry.name)) {
      out.push(relative(ROOT, join(ROOT, path)))
    }
  }
  return out.sort()
}

/** The tables that each SQL statement writes (for statements built at run time, such as `userDataStatements`). */
export function tablesWrittenBy(sql: string, schema: Schema): string[] {
  return scanSource(sql, schema).writes.map((w) => w.table)
}
