import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { createClient } from '@libsql/client'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type * as SchemaEngineWasm from '@prisma/schema-engine-wasm'
import prismaConfig from '../../prisma.config'
import { applyMigrations, readMigrations } from '../../app/utils/migrations.server'

/**
 * Prisma's schema engine, in its official WebAssembly build, driven through the
 * libSQL driver adapter. Nothing is downloaded: the native engine binary that the
 * Prisma CLI would fetch is never needed (docs/decisions/0004-migrations-without-downloads.md).
 */

type EngineModule = typeof SchemaEngineWasm
type SchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>

/** The project whose prisma/schema and prisma/migrations are compared (the working directory). */
export function readSchemaFiles(root = process.cwd()) {
  const dir = resolve(root, 'prisma/schema')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => {
      const path = join(dir, name)
      return { path: relative(root, path), content: readFileSync(path, 'utf8') }
    })
}

/** Tables the migration SQL creates by hand (FTS5, vector side tables): Prisma must not diff them. */
export function externalTables(): string[] {
  return prismaConfig.tables?.external ?? []
}

let engineModule: Promise<EngineModule> | undefined

/** wasm-bindgen "bundler" build: instantiate the .wasm with the JS glue as its imports. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url)
    const dir = dirname(require.resolve('@prisma/schema-engine-wasm'))
    const glue = await import(join(dir, 'schema_engine_bg.js'))
    const bytes = readFileSync(join(dir, 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue })
    glue.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
    return glue as EngineModule
  })()
  return engineModule
}

async function withEngine<T>(
  root: string,
  url: string,
  run: (engine: SchemaEngine, files: ReturnType<typeof readSchemaFiles>) => Promise<T>,
) {
  const { SchemaEngine } = await loadEngineModule()
  const files = readSchemaFiles(root)
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaLibSql({ url }))
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => undefined, adapter)
  try {
    return await run(engine, files)
  } finally {
    engine.free()
  }
}

/**
 * The SQL that would bring a database built from the committed migrations up to
 * the schema; empty when they agree. The migrations are applied to a temporary
 * file (the engine's own in-memory shadow database loses statements).
 */
export async function diffMigrationsToSchema(root = process.cwd()): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'questlog-shadow-'))
  const url = `file:${join(dir, 'shadow.db')}`
  try {
    const client = createClient({ url })
    try {
      await applyMigrations(client, { migrations: readMigrations(resolve(root, 'prisma/migrations')) })
    } finally {
      client.close()
    }
    return await withEngine(root, url, async (engine, files) => {
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: root },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true,
        filters: { externalTables: externalTables(), externalEnums: [] },
      })
      return result.exitCode === 2 ? (result.stdout ?? '').trim() : ''
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
