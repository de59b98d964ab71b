import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createClient, type Client, type InStatement } from '@libsql/client'
import { log } from '../log.server'
import { DatabaseUnavailableError, errorMessage, isConnectivityError } from './errors.server'

/** Small pieces shared by the three connection modes. */

export function sqlOf(stmt: InStatement): string {
  return typeof stmt === 'string' ? stmt : stmt.sql
}

export class SlowQueryLog {
  constructor(private readonly thresholdMs: number) {}

  async time<T>(what: string, sql: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await run()
    } finally {
      const ms = performance.now() - started
      if (ms > this.thresholdMs) {
        log.warn('slow query', {
          ms: Math.round(ms * 10) / 10,
          kind: what,
          sql: sql.replace(/\s+/g, ' ').slice(0, 300),
        })
      }
    }
  }
}

/** Wraps writer errors so callers can tell an outage (503) from a SQL error. */
export async function asWrite<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isConnectivityError(error) && !(error instanceof DatabaseUnavailableError)) {
      throw new DatabaseUnavailableError(`The database primary could not be reached: ${errorMessage(error)}`, {
        cause: error,
      })
    }
    throw error
  }
}

export function resolveFilePath(fileUrl: string): string {
  return resolve(fileUrl.replace(/^file:(\/\/)?/, ''))
}

export function openLocalFile(url: string): Client {
  const path = resolveFilePath(url)
  mkdirSync(dirname(path), { recursive: true })
  return createClient({ url: `file:${path}`, timeout: 5_000 })
}

const READ_ONLY_SQL = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(select|explain|values)\b/i
const CTE_SQL = /^\s*with\b/i
const WRITE_KEYWORD = /\b(insert|update|delete|replace|create|drop|alter)\b/i
const PRAGMA_READ = /^\s*pragma\s+[\w."]+\s*;?\s*$/i

/** True when a statement only reads, so a replica may answer it. Anything uncertain counts as a write. */
export function isReadOnlyStatement(sql: string): boolean {
  if (READ_ONLY_SQL.test(sql)) return true
  if (CTE_SQL.test(sql)) return !WRITE_KEYWORD.test(sql)
  return PRAGMA_READ.test(sql)
}
