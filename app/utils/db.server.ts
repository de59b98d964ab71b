import type { Client, InStatement, ResultSet } from '@libsql/client'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import { PrismaClient } from '~/generated/prisma/client'
import { openDatabaseClient, type DatabaseClient, type DatabaseHealth } from './db/client.server'
import { errorMessage } from './db/errors.server'
import { getEnv, type DatabaseConfig } from './env.server'

/**
 * The one Prisma client of the process and the libSQL connection under it.
 *
 * Rules (docs/decisions/0002-database-access.md):
 *  - loaders read with `prisma` and never open a transaction;
 *  - a write of more than one statement goes through `writeBatch` (one round
 *    trip, atomic), not an interactive `prisma.$transaction(async tx => …)`.
 */

/** Hands Prisma our connection instead of letting it create its own. */
class SharedConnectionAdapterFactory extends PrismaLibSql {
  #open: () => Promise<DatabaseClient>
  #client: DatabaseClient | undefined

  constructor(open: () => Promise<DatabaseClient>) {
    super({ url: 'file:unused-see-createClient' })
    this.#open = open
  }

  override async connect() {
    this.#client = await this.#open()
    return super.connect()
  }

  override createClient(): Client {
    if (!this.#client) throw new Error('The database connection is not open yet')
    // DatabaseClient implements the part of Client that the adapter calls.
    return this.#client as unknown as Client
  }
}

/** A Prisma client over a given connection (the app uses `prisma` below; benchmarks build their own). */
export function createPrismaClient(connection: DatabaseClient | (() => Promise<DatabaseClient>)): PrismaClient {
  const open = typeof connection === 'function' ? connection : () => Promise.resolve(connection)
  return new PrismaClient({ adapter: new SharedConnectionAdapterFactory(open) })
}

interface Database {
  config: DatabaseConfig
  /** Opens the connection on first use, not at import: start-up migrates first. */
  ready: () => Promise<DatabaseClient>
  /** Set once ready() has been called. */
  opening?: Promise<DatabaseClient>
  prisma: PrismaClient
}

const registry = ((globalThis as { __questlogDatabases?: Map<string, Database> }).__questlogDatabases ??= new Map())

/**
 * One database per configuration per process, kept on globalThis so that the
 * server entry, the Remix build and dev-time module reloads all share it.
 */
function database(): Database {
  const config = getEnv().database
  const key = JSON.stringify(config)
  let db = registry.get(key)
  if (!db) {
    const record: Database = {
      config,
      ready: () => (record.opening ??= openDatabaseClient(config, { slowQueryMs: getEnv().SLOW_QUERY_MS })),
      prisma: createPrismaClient(() => record.ready()),
    }
    registry.set(key, (db = record))
  }
  return db
}

export const prisma: PrismaClient = database().prisma

/** Resolves once the connection is open (rejects with the reason it could not be). */
export function databaseReady(): Promise<DatabaseClient> {
  return database().ready()
}

/**
 * Runs statements atomically in one round trip (a libSQL batch). In replica
 * mode it goes straight to the primary and returns once this instance's replica
 * has caught up, so the caller reads its own write.
 */
export async function writeBatch(statements: InStatement[]): Promise<ResultSet[]> {
  const client = await databaseReady()
  return client.batch(statements, 'write')
}

/**
 * For a row another app instance may have just written (a session from a login
 * there): in replica mode, sync now and answer true so the caller reads again.
 */
export async function catchUpWithPrimary(): Promise<boolean> {
  return (await databaseReady()).catchUp()
}

export async function databaseHealth(): Promise<DatabaseHealth> {
  const db = database()
  try {
    return await (await db.ready()).health()
  } catch (error) {
    return { mode: db.config.mode, ok: false, error: errorMessage(error) }
  }
}

export async function disconnectDatabase(): Promise<void> {
  const key = JSON.stringify(getEnv().database)
  const db = registry.get(key)
  if (!db) return
  registry.delete(key)
  await db.prisma.$disconnect()
  if (!db.opening) return
  try {
    await (await db.opening).close()
  } catch {
    // already closed by Prisma's dispose, or never opened
  }
}

/**
 * The one DateTime format in the database: ISO-8601 UTC with an explicit
 * offset, exactly as the Prisma libSQL adapter writes DateTime fields
 * (`2026-01-02T03:04:05.678+00:00`). Raw SQL writers must use this too.
 */
export function toDbTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}
