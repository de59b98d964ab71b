import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Knowledge's part of "Delete my account" (its tables exist; its code does not yet):
 * nothing. Documents and ingestion jobs belong to their team or the platform library; they
 * keep pointing at the anonymised User row that uploaded them.
 */
export function userDataStatements(_userId: string, _account: DeletedAccount): InStatement[] {
  return []
}
