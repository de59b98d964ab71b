import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Achievements' part of "Delete my account" (its tables exist; its code does not yet):
 * nothing. The unlocks stay with the anonymised User row, as aggregate rows others see.
 */
export function userDataStatements(_userId: string, _account: DeletedAccount): InStatement[] {
  return []
}
