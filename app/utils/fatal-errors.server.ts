import { BackupError } from './db/backup.server'
import { errorMessage, isAuthError } from './db/errors.server'
import { EnvError } from './env.server'
import { MigrationError } from './migrations.server'

/**
 * The message for a failure that stops the server or a script because of
 * something the operator can fix (environment, migration, token, a backup file), or undefined
 * for anything else, which is then printed in full as a bug.
 */
export function describeFatalError(error: unknown): string | undefined {
  if (error instanceof EnvError || error instanceof MigrationError || error instanceof BackupError) return error.message
  if (isAuthError(error)) {
    return `The primary refused TURSO_AUTH_TOKEN (${errorMessage(error)}).\nCheck that the token is valid for TURSO_DATABASE_URL.`
  }
  return undefined
}
