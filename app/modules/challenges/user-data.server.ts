import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Challenges' part of "Delete my account" (its tables exist; its code does not yet):
 * nothing. Participation, leaderboard entries and badges stay with the anonymised User row,
 * because other people's standings depend on them; a challenge the user created stays too.
 */
export function userDataStatements(_userId: string, _account: DeletedAccount): InStatement[] {
  return []
}
