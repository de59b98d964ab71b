import type { z } from 'zod'
import type { Prisma, SettingScope } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { log } from '~/utils/log.server'

/**
 * Scoped settings (seed 004 SystemSetting): one key may hold a value for the platform
 * (scope system, scopeId ""), for a team (scopeId Team.id) and for a learner (scopeId User.id).
 * The nearest wins: learner → team → system → the caller's default. A stored value that no longer
 * fits the key's schema is skipped (logged), so a bad row never breaks a page.
 */
export type SettingSource = SettingScope | 'default'

export interface SettingScopes {
  userId?: string | null
  teamId?: string | null
}

export interface Resolved<T> {
  value: T
  /** where the value came from */
  source: SettingSource
}

/** The (scope, scopeId) pairs to look at, nearest first. */
export function scopeChain({ userId, teamId }: SettingScopes): { scope: SettingScope; scopeId: string }[] {
  return [
    ...(userId ? [{ scope: 'learner' as const, scopeId: userId }] : []),
    ...(teamId ? [{ scope: 'team' as const, scopeId: teamId }] : []),
    { scope: 'system' as const, scopeId: '' },
  ]
}

/** Picks the nearest of `rows` in the chain; rows of other scopes are ignored. */
export function nearest<R extends { scope: SettingScope; scopeId: string }>(
  rows: readonly R[],
  chain: ReturnType<typeof scopeChain>,
  accept: (row: R) => boolean = () => true,
): R | undefined {
  for (const link of chain) {
    const row = rows.find((r) => r.scope === link.scope && r.scopeId === link.scopeId)
    if (row && accept(row)) return row
  }
  return undefined
}

export async function resolveSetting<S extends z.ZodType>(
  key: string,
  schema: S,
  scopes: SettingScopes,
  fallback: z.output<S>,
): Promise<Resolved<z.output<S>>> {
  const chain = scopeChain(scopes)
  const rows = await prisma.systemSetting.findMany({
    where: { key, OR: chain },
    select: { scope: true, scopeId: true, value: true },
  })
  let value: z.output<S> | undefined
  const row = nearest(rows, chain, (r) => {
    const parsed = schema.safeParse(r.value)
    if (!parsed.success) {
      log.warn('setting skipped: stored value does not fit its key', { key, scope: r.scope })
      return false
    }
    value = parsed.data
    return true
  })
  return row ? { value: value as z.output<S>, source: row.scope } : { value: fallback, source: 'default' }
}

/** Stores `value` at one scope (the caller validated it with the key's schema). */
export async function saveSetting(
  key: string,
  scope: SettingScope,
  scopeId: string,
  value: Prisma.InputJsonValue,
): Promise<void> {
  await prisma.systemSetting.upsert({
    where: { key_scope_scopeId: { key, scope, scopeId } },
    create: { key, scope, scopeId, value },
    update: { value },
    select: { id: true },
  })
}
