import { prisma } from '~/utils/db.server'
import { deleteInChunks, monthsBefore } from './retention.server'

/** Run records of the retention policies are kept this long (one row per policy per hour). */
const RETENTION_RUN_MONTHS = 3

export interface RetentionRunRecord {
  policy: string
  startedAt: Date
  finishedAt: Date
  removed: number
  error?: string
}

/** Records one run of a policy (app/modules/retention-policies.server.ts). */
export async function recordRetentionRun(run: RetentionRunRecord): Promise<void> {
  await prisma.retentionRun.create({
    data: { ...run, error: run.error?.slice(0, 1000) ?? null },
    select: { id: true },
  })
}

export interface RetentionRunView {
  startedAt: Date
  finishedAt: Date | null
  removed: number
  error: string | null
}

/** Each policy's latest run, and the rows it removed in the last 30 days. */
export async function retentionRunSummary(
  policies: readonly string[],
  now: Date,
): Promise<Map<string, { last: RetentionRunView | null; removedLast30Days: number }>> {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)
  const summary = new Map<string, { last: RetentionRunView | null; removedLast30Days: number }>()
  for (const policy of policies) {
    const [last, removed] = await Promise.all([
      prisma.retentionRun.findFirst({
        where: { policy },
        orderBy: { startedAt: 'desc' },
        select: { startedAt: true, finishedAt: true, removed: true, error: true },
      }),
      prisma.retentionRun.aggregate({ where: { policy, startedAt: { gte: since } }, _sum: { removed: true } }),
    ])
    summary.set(policy, { last, removedLast30Days: removed._sum.removed ?? 0 })
  }
  return summary
}

/** The run records' own clean-up, a policy like the others. */
export function deleteOldRetentionRuns(now: Date): Promise<number> {
  const cutoff = monthsBefore(now, RETENTION_RUN_MONTHS)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "RetentionRun" WHERE "id" IN (SELECT "id" FROM "RetentionRun" WHERE "startedAt" < ? LIMIT ${limit})`,
    args: [cutoff],
  }))
}
