import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Certificates' part of "Delete my account": nothing is deleted. A certificate is the team's
 * record of what it certified; it stays with the anonymised User row, so its verify URL keeps
 * answering (with the holder's name gone, as anonymisation leaves it).
 */
export function userDataStatements(_userId: string, _account: DeletedAccount): InStatement[] {
  return []
}
