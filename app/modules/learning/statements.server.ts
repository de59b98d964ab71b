import type { InStatement } from '@libsql/client'
import { addXpStatement } from '~/modules/accounts/statements.server'
import { toDbTimestamp } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'

/**
 * Writes to the learning module's tables that other modules put into their own atomic
 * write batches (docs/decisions/0009-module-ownership.md).
 */

export type XpAwardSource = 'quest' | 'achievement' | 'challenge' | 'streak' | 'admin'

/**
 * Pays `amount` XP once for the row `sourceId` of `source` (a Quest.id, a UserAchievement.id, …):
 * the ledger entry and the increment of User.totalXp. The ledger is unique on
 * (source, sourceId) and the INSERT has no ON CONFLICT clause on purpose: a second payment
 * for the same row fails with a UNIQUE constraint error and aborts the caller's whole batch,
 * so nothing of it is written. The caller treats that error as "already paid"
 * (`isAlreadyPaid`), reads again and plans without the payment.
 */
export function payXpStatements(input: {
  userId: string
  amount: number
  source: XpAwardSource
  sourceId: string
  /** the learner-local day the XP counts towards (daily goal) */
  dayKey: string
  topicId?: string | null
  now: Date
}): InStatement[] {
  return [
    {
      sql: `INSERT INTO "XpLedgerEntry" ("id", "userId", "amount", "source", "sourceId", "topicId", "dayKey", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        ulid(),
        input.userId,
        input.amount,
        input.source,
        input.sourceId,
        input.topicId ?? null,
        input.dayKey,
        toDbTimestamp(input.now),
      ],
    },
    addXpStatement({ userId: input.userId, amount: input.amount, now: input.now }),
  ]
}

/** True for the error a batch fails with when `payXpStatements` met an earlier payment of the same row. */
export function isAlreadyPaid(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : ''
  return /UNIQUE constraint failed: XpLedgerEntry\.source, XpLedgerEntry\.sourceId/.test(text)
}
