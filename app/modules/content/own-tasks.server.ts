import type { InStatement } from '@libsql/client'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import type { StartupTask } from '~/utils/startup-tasks.server'
import { ulid } from '~/utils/ulid.server'
import type { TaskSource } from './task-source'

/**
 * A learner's own tasks (docs/tutor.md, "From conversation to memory"): review cards a learner
 * makes from a tutor answer. They are ordinary Task rows with `ownerId` set, kept under one
 * built-in subject and topic, "Your notes" (slug `your-notes`), that no content file defines:
 * the content sync leaves it alone, and every task query shows an owned task to its owner only
 * (`visibleTaskWhere`, `visibleTaskSql`). The topic pays no XP: a learner writes these tasks
 * and their answers, so XP from them could be farmed.
 */
export const OWN_NOTES_SLUG = 'your-notes'
const OWN_NOTES_TITLE = 'Your notes'

/** Prisma `where` for the tasks a learner may see: the shared ones and their own. */
export function visibleTaskWhere(userId: string) {
  return { OR: [{ ownerId: null }, { ownerId: userId }] }
}

/** The same in SQL, for task alias `alias` and a SQL expression naming the learner. */
export function visibleTaskSql(alias: string, userExpression: string): string {
  return `(${alias}."ownerId" IS NULL OR ${alias}."ownerId" = ${userExpression})`
}

/** Creates the "Your notes" subject and topic unless they exist; changes nothing otherwise. */
export function ownNotesTopicStatements(now: Date): InStatement[] {
  const at = toDbTimestamp(now)
  return [
    {
      sql: `INSERT INTO "Subject" ("id", "slug", "title", "description", "order", "active", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, 1000, 1, ?, ?) ON CONFLICT ("slug") DO NOTHING`,
      args: [ulid(), OWN_NOTES_SLUG, OWN_NOTES_TITLE, 'Review cards you made from tutor answers.', at, at],
    },
    {
      sql: `INSERT INTO "TopicXpConfig" ("id", "slug", "title", "subjectId", "description", "maxXp", "baseTaskXp", "levelThresholds",
              "minXpPercent", "reviewIntervals", "tags", "scheduler", "order", "active", "createdAt", "updatedAt")
            VALUES (?, ?, ?, (SELECT "id" FROM "Subject" WHERE "slug" = ?), ?, 1000, 0, '[0]', 0, '[1,3,7,14,30]', '[]', 'fsrs', 0, 1, ?, ?)
            ON CONFLICT ("slug") DO NOTHING`,
      args: [ulid(), OWN_NOTES_SLUG, OWN_NOTES_TITLE, OWN_NOTES_SLUG, 'Review cards you made from tutor answers.', at, at],
    },
  ]
}

/** Ensures the "Your notes" topic at start-up (server/startup.ts), so it exists before the first card. */
export function ownNotesTopicTask(): StartupTask {
  return {
    name: 'own-notes-topic',
    run: async () => {
      await writeBatch(ownNotesTopicStatements(new Date()))
      log.info('own notes topic ready', { slug: OWN_NOTES_SLUG })
    },
  }
}


export interface OwnTaskInput {
  id: string
  ownerId: string
  prompt: string
  /** accepted answers of the short_text task */
  answers: string[]
  /** shown after answering: the passage's key sentence */
  explanation: string | null
  concepts: string[]
  source: Omit<TaskSource, 'tutorMessageId'>
  /** the tutor answer the task was made from, kept in Task.source so answers can cite it as evidence */
  tutorMessageId: string | null
  now: Date
}

/** A learner's own short_text task under "Your notes" (the topic must exist: ownNotesTopicStatements). */
export function ownTaskStatement(input: OwnTaskInput): InStatement {
  const at = toDbTimestamp(input.now)
  return {
    sql: `INSERT INTO "Task" ("id", "topicId", "kind", "prompt", "answer", "difficulty", "baseXp", "concepts", "explanation", "order", "active",
            "ownerId", "source", "createdAt", "updatedAt")
          VALUES (?, (SELECT "id" FROM "TopicXpConfig" WHERE "slug" = ?), 'short_text', ?, ?, 'medium', 0, ?, ?, 0, 1, ?, ?, ?, ?)`,
    args: [
      input.id,
      OWN_NOTES_SLUG,
      input.prompt,
      JSON.stringify(input.answers),
      JSON.stringify(input.concepts),
      input.explanation,
      input.ownerId,
      JSON.stringify({ ...input.source, ...(input.tutorMessageId ? { tutorMessageId: input.tutorMessageId } : {}) }),
      at,
      at,
    ],
  }
}
