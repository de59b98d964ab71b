import type { InStatement } from '@libsql/client'
import { OWN_NOTES_SLUG, ownNotesTopicStatements, ownTaskStatement } from '~/modules/content/own-tasks.server'
import type { TaskSource } from '~/modules/content/task-source'
import { serverNow } from '~/utils/clock.server'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'
import { tutorCardEvidence } from './mastery'

/**
 * A review task a learner makes for themselves (docs/tutor.md, "From conversation to memory"),
 * in one batch: the task (content's builder; owned by the learner, under "Your notes"), its
 * review card due now — so it enters the learner's FSRS queue like any task — a ConceptMastery
 * row for each of its concepts the learner had none of, and a Progress row per concept linking
 * the tutor answer the card came from. The task's answers then move mastery like any answer.
 */
export interface OwnReviewTaskInput {
  userId: string
  question: string
  answers: string[]
  /** the key sentence of the passage, shown after answering */
  explanation: string | null
  concepts: string[]
  source: Omit<TaskSource, 'tutorMessageId'>
  /** the tutor answer the card was made from (TutorMessage.id) */
  tutorMessageId: string
}

const topicId = `(SELECT "id" FROM "TopicXpConfig" WHERE "slug" = '${OWN_NOTES_SLUG}')`

export async function addOwnReviewTask(input: OwnReviewTaskInput, now = serverNow()): Promise<{ taskId: string }> {
  const taskId = `own-${ulid().toLowerCase()}`
  const at = toDbTimestamp(now)
  const statements: InStatement[] = [
    ...ownNotesTopicStatements(now),
    ownTaskStatement({
      id: taskId,
      ownerId: input.userId,
      prompt: input.question,
      answers: input.answers,
      explanation: input.explanation,
      concepts: input.concepts,
      source: input.source,
      tutorMessageId: input.tutorMessageId,
      now,
    }),
    {
      sql: `INSERT INTO "ReviewCard" ("id", "userId", "taskId", "topicId", "due", "state", "version", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ${topicId}, ?, 'new', 0, ?, ?)`,
      args: [ulid(), input.userId, taskId, at, at, at],
    },
  ]
  const evidence = tutorCardEvidence({ tutorMessageId: input.tutorMessageId, title: input.source.title })
  for (const concept of input.concepts) {
    statements.push(
      {
        sql: `INSERT INTO "ConceptMastery" ("id", "userId", "concept", "topicId", "mastery", "level", "createdAt", "updatedAt")
              VALUES (?, ?, ?, ${topicId}, 0, 'not_started', ?, ?) ON CONFLICT ("userId", "concept") DO NOTHING`,
        args: [ulid(), input.userId, concept, at, at],
      },
      {
        sql: `INSERT INTO "Progress" ("id", "userId", "concept", "masteryLevel", "evidence", "tutorMessageId", "createdAt")
              VALUES (?, ?, ?, (SELECT "mastery" FROM "ConceptMastery" WHERE "userId" = ? AND "concept" = ?), ?, ?, ?)`,
        args: [ulid(), input.userId, concept, input.userId, concept, evidence, input.tutorMessageId, at],
      },
    )
  }
  await writeBatch(statements)
  return { taskId }
}
