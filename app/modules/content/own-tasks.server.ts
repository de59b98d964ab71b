import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import { builtInTopicStatements } from './built-in-topic.server'
import type { TaskSource } from './task-source'

/**
 * A learner's own tasks (docs/tutor.md, "From conversation to memory"): review cards a learner
 * makes from a tutor answer. They are ordinary Task rows with `ownerId` set, kept under one
 * built-in subject and topic, "Your notes" (slug `your-notes`), that no content file defines:
 * the content sync leaves it alone, and every task query shows an owned task to its owner only
 * (`visibleTaskWhere`, `visibleTaskSql`, which also keep a nugget's tasks to the nugget's team). The topic pays no XP: a learner writes these tasks
 * and their answers, so XP from them could be farmed.
 */
export const OWN_NOTES_SLUG = 'your-notes'
const OWN_NOTES_TITLE = 'Your notes'

/**
 * Which tasks a learner may see, practise and answer — one rule for every task query:
 *  - an owned task (a learner's own card, `ownerId`) only to its owner;
 *  - a task carried by a nugget (`nuggetId`, a path's quick check) only to members of the nugget's
 *    team, unless the team is archived (as for the team's knowledge, knowledge/read-scope.ts); a
 *    platform nugget's (teamId null) to everyone;
 *  - every other task to everyone.
 */
export function visibleTaskWhere(userId: string) {
  return {
    AND: [
      { OR: [{ ownerId: null }, { ownerId: userId }] },
      {
        OR: [
          { nuggetId: null },
          { nugget: { teamId: null } },
          { nugget: { team: { archivedAt: null, members: { some: { userId } } } } },
        ],
      },
    ],
  }
}

/** The same in SQL, for task alias `alias` and a SQL expression naming the learner. */
export function visibleTaskSql(alias: string, userExpression: string): string {
  const nugget = `${alias}_vn`
  const member = `${alias}_vm`
  const team = `${alias}_vt`
  return `((${alias}."ownerId" IS NULL OR ${alias}."ownerId" = ${userExpression})
    AND (${alias}."nuggetId" IS NULL OR EXISTS (SELECT 1 FROM "Nugget" ${nugget} WHERE ${nugget}."id" = ${alias}."nuggetId"
      AND (${nugget}."teamId" IS NULL OR EXISTS (SELECT 1 FROM "TeamMember" ${member} JOIN "Team" ${team} ON ${team}."id" = ${member}."teamId"
        WHERE ${member}."teamId" = ${nugget}."teamId" AND ${member}."userId" = ${userExpression} AND ${team}."archivedAt" IS NULL)))))`
}

/**
 * Creates the "Your notes" subject and topic unless they exist; changes nothing otherwise. Part of
 * every card's batch, so the topic appears with the first card and start-up does nothing for it.
 */
export const ownNotesTopicStatements = (now: Date): InStatement[] =>
  builtInTopicStatements(
    {
      slug: OWN_NOTES_SLUG,
      title: OWN_NOTES_TITLE,
      description: 'Review cards you made from tutor answers.',
      order: 1000,
      baseTaskXp: 0,
      levelThresholds: [0],
      minXpPercent: 0,
    },
    now,
  )

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
