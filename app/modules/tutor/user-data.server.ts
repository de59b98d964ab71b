import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * The tutor's part of "Delete my account" (its tables exist; its code does not yet): the
 * conversations (their messages cascade), the suggestions, and the user's own AI model and
 * voice settings.
 */
export function userDataStatements(userId: string, _account: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "TutorSession" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "AISuggestion" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "AIModelConfig" WHERE "scope" = 'learner' AND "scopeId" = ?`, args: [userId] },
    { sql: `DELETE FROM "VoiceConfig" WHERE "scope" = 'learner' AND "scopeId" = ?`, args: [userId] },
  ]
}
