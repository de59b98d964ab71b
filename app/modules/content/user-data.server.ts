import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Content's part of "Delete my account": the user's uploaded image (avatar). Its file on
 * disk goes after the batch (`removeImageFile`), once the row is gone.
 */
export function userDataStatements(userId: string, _account: DeletedAccount): InStatement[] {
  return [{ sql: `DELETE FROM "Image" WHERE "userId" = ?`, args: [userId] }]
}
