import type { InStatement } from '@libsql/client'
import { ulid } from '~/utils/ulid.server'
import { addXpStatement } from '~/modules/accounts/statements.server'
import { describeAnswer } from '~/modules/content/answer-check'
import { type TaskSource, parseTaskSource } from '~/modules/content/task-source'
import type { TaskViewSource } from '~/modules/content/task-view'
import { behaviorLogStatement } from '~/modules/system/behavior-log.server'
import { touchMemberStatement } from '~/modules/teams/statements.server'
import type { ActivityContext } from '~/utils/activity.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import { serverNow } from '~/utils/clock.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { keyedLock } from '~/utils/keyed-lock.server'
import { log } from '~/utils/log.server'
import { dayStartInstant, learnerDay } from '~/utils/time'
import { type SubmissionAnswer, type SubmissionPlan, planSubmission } from './submission-plan'
import { type SubmissionState, loadSubmission } from './submission-state.server'

/**
 * Submitting an answer (docs/xp.md, docs/scheduling.md): read the learner's state,
 * compute the award, schedule and mastery (submission-plan.ts), then write it all
 * in ONE batch — atomic, one round trip.
 *
 * Idempotent: the attempt id is unique, so a repeated id replays the first result.
 * Concurrency-safe: the rows the computation was based on (topic XP, review card,
 * streaks) are written with `version = version + 1 WHERE version = <read>`, and the
 * batch aborts if any guard finds the row changed; the submission is then read and
 * computed again. Within one process a learner's submissions also take turns
 * (keyedLock), so retries only happen across app instances.
 */
export interface SubmitInput extends SubmissionAnswer {
  userId: string
  taskId: string
  durationMs?: number
  /** the topic the page or request names: a task of another topic is then not found */
  topicId?: string | null
  /** where the answer came from, for the behaviour log */
  context?: ActivityContext | null
  /**
   * Writes of other modules that belong to this answer (a challenge's score), added to its batch:
   * they are then exactly-once with it — a replayed or concurrent duplicate answer aborts the
   * whole batch. The caller (a composition file) hands in the other module's builder.
   */
  alongside?: (answer: RecordedAnswer) => InStatement[]
}

/** What an answer recorded, for the `alongside` statements of other modules. */
export interface RecordedAnswer {
  userId: string
  taskId: string
  topicId: string
  concepts: readonly string[]
  isCorrect: boolean
  xpEarned: number
  /** UserTaskAttempt.id of this answer */
  attemptRowId: string
  /** the learner-local day of the answer */
  dayKey: string
  now: Date
  /** the task's review card after this answer (FSRS memory state) */
  card: { stability: number; difficulty: number; due: Date; lastReview: Date | null; reps: number }
  /** the task had been answered before */
  wasReview: boolean
  /** the learner's own task (made from a tutor answer): challenges do not score it */
  ownTask: boolean
}

export interface SubmissionResult {
  attemptId: string
  /** true when this attempt id had been submitted before: nothing new was awarded */
  replayed: boolean
  taskId: string
  isCorrect: boolean
  correctAnswer: string
  explanation: string | null
  /** the passage the task was made from, shown after answering */
  source: TaskSource | null
  xp: { earned: number; multiplier: number; breakdown: Array<{ label: string; value: string }> }
  topic: { slug: string; title: string; currentXp: number; level: number; leveledUp: boolean }
  nextReview: { dayKey: string | null; due: string | null }
  reviewCount: number
  masteryLevel: number
  masteries: Array<{ concept: string; mastery: number; level: string }>
  xpToday: number
  goalReachedToday: boolean
}

/** Conflicts only come from other app instances; a short random pause lets the other writer finish. */
const MAX_TRIES = 50
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))
const byLearner = keyedLock()

export async function submitAnswer(input: SubmitInput, now = serverNow()): Promise<SubmissionResult> {
  return (await submitAnswerAndTask(input, now)).result
}

/** submitAnswer, also handing back the task it read, for a page that shows the task beside its feedback. */
export async function submitAnswerAndTask(
  input: SubmitInput,
  now = serverNow(),
): Promise<{ result: SubmissionResult; task: TaskViewSource }> {
  return byLearner(input.userId, async () => {
    for (let attempt = 1; ; attempt++) {
      const { usedBy, task, state } = await loadSubmission(input.userId, input.taskId, input.attemptId, now)
      if (!task || !state || (input.topicId && task.topicId !== input.topicId))
        throw new NotFound(input.topicId ? 'There is no such task in this topic.' : 'There is no such task.')
      // A retired task still replays an answer given before it was retired.
      if (usedBy) return { result: await replay(input), task }
      if (!task.offered) throw new NotFound('This task is no longer offered.')
      const plan = planSubmission(state, input)
      const attemptRowId = ulid()
      try {
        await writeBatch(statements(state, plan, input, attemptRowId))
        return { result: resultOf(state, plan, input), task }
      } catch (error) {
        const kind = classify(error)
        if (kind === 'duplicate-attempt') continue // another request with this id won: replay it
        if (kind === 'stale' && attempt < MAX_TRIES) {
          log.info('submission retried after a concurrent change', {
            userId: input.userId,
            taskId: input.taskId,
            attempt,
          })
          await backOff(attempt)
          continue
        }
        throw error
      }
    }
  })
}

function classify(error: unknown): 'duplicate-attempt' | 'stale' | 'other' {
  const message = String((error as { message?: unknown })?.message ?? error)
  if (/UNIQUE constraint failed: UserTaskAttempt\.attemptId/.test(message)) return 'duplicate-attempt'
  if (/malformed JSON|UNIQUE constraint failed: (UserTopicXp|ReviewCard|Streak)\./.test(message)) return 'stale'
  return 'other'
}

/** The stored result of an attempt id already used by this learner (another learner's id is a conflict). */
async function replay(input: SubmitInput): Promise<SubmissionResult> {
  const row = await prisma.userTaskAttempt.findUnique({
    where: { attemptId: input.attemptId },
    select: {
      userId: true,
      taskId: true,
      isCorrect: true,
      xpEarned: true,
      multiplier: true,
      dayKey: true,
      nextReviewDate: true,
      reviewCount: true,
      masteryLevel: true,
      topicId: true,
      task: {
        select: {
          explanation: true,
          kind: true,
          answer: true,
          tolerance: true,
          choices: true,
          concepts: true,
          source: true,
        },
      },
    },
  })
  if (!row) throw new Error(`No attempt ${input.attemptId} to replay`)
  if (row.userId !== input.userId || row.taskId !== input.taskId)
    throw new Conflict('This attempt id was already used for another answer. Reload the task and answer again.')
  const [topic, masteries, xpToday] = await Promise.all([
    prisma.userTopicXp.findUniqueOrThrow({
      where: { userId_topicId: { userId: row.userId, topicId: row.topicId } },
      select: { currentXp: true, level: true, topic: { select: { slug: true, title: true } } },
    }),
    prisma.conceptMastery.findMany({
      where: {
        userId: row.userId,
        concept: { in: Array.isArray(row.task.concepts) ? (row.task.concepts as string[]) : [] },
      },
      select: { concept: true, mastery: true, level: true },
    }),
    prisma.xpLedgerEntry.aggregate({ where: { userId: row.userId, dayKey: row.dayKey }, _sum: { amount: true } }),
  ])
  return {
    attemptId: input.attemptId,
    replayed: true,
    taskId: row.taskId,
    isCorrect: row.isCorrect,
    correctAnswer: describeAnswer(row.task),
    explanation: row.task.explanation,
    source: parseTaskSource(row.task.source),
    xp: {
      earned: row.xpEarned,
      multiplier: row.multiplier,
      breakdown: [{ label: 'Already recorded for this answer', value: `${row.xpEarned} XP` }],
    },
    topic: {
      slug: topic.topic.slug,
      title: topic.topic.title,
      currentXp: topic.currentXp,
      level: topic.level,
      leveledUp: false,
    },
    nextReview: { dayKey: row.nextReviewDate, due: null },
    reviewCount: row.reviewCount,
    masteryLevel: row.masteryLevel,
    masteries,
    xpToday: xpToday._sum.amount ?? 0,
    goalReachedToday: false,
  }
}

function resultOf(state: SubmissionState, plan: SubmissionPlan, input: SubmitInput): SubmissionResult {
  const { award } = plan
  return {
    attemptId: input.attemptId,
    replayed: false,
    taskId: state.task.id,
    isCorrect: plan.isCorrect,
    correctAnswer: plan.correctAnswer,
    explanation: state.task.explanation,
    source: state.task.source,
    xp: { earned: award.earned, multiplier: award.multiplier, breakdown: award.breakdown },
    topic: {
      slug: state.topic.slug,
      title: state.topic.title,
      currentXp: award.currentXp,
      level: award.level,
      leveledUp: award.leveledUp,
    },
    nextReview: {
      dayKey: learnerDay(plan.schedule.card.due, state.user.timezone, state.user.dayStartHour),
      due: plan.schedule.card.due.toISOString(),
    },
    reviewCount: plan.reviewCount,
    masteryLevel: plan.taskMastery,
    masteries: plan.masteries.map(({ concept, mastery, level }) => ({ concept, mastery, level })),
    xpToday: plan.xpToday,
    goalReachedToday: plan.goalReachedToday,
  }
}

// ─── The batch ──────────────────────────────────────────────────────────────

const ts = (d: Date | null) => (d ? toDbTimestamp(d) : null)
const bool = (b: boolean) => (b ? 1 : 0)

/**
 * Aborts the batch unless the previous UPDATE changed exactly one row. SQLite has no
 * RAISE outside triggers; json() of a non-JSON string fails the statement instead.
 */
const guard = (what: string): InStatement => ({
  sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('stale ' || ?) END`,
  args: [what],
})

function statements(
  state: SubmissionState,
  plan: SubmissionPlan,
  input: SubmitInput,
  attemptRowId: string,
): InStatement[] {
  const now = ts(state.now)!
  const { user, task, topic, today } = state
  const out: InStatement[] = []
  const t = plan.topicRow

  if (state.topicXp) {
    out.push({
      sql: `UPDATE "UserTopicXp" SET "currentXp" = ?, "totalXpEarned" = ?, "level" = ?, "lastActivity" = ?, "dailyTasksCount" = ?, "dailyTasksDate" = ?,
            "srsStage" = ?, "nextReviewDate" = ?, "lastPracticedDate" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
      args: [
        t.currentXp,
        t.totalXpEarned,
        t.level,
        now,
        t.dailyTasksCount,
        t.dailyTasksDate,
        t.srsStage,
        t.nextReviewDate,
        today,
        now,
        state.topicXp.id,
        state.topicXp.version,
      ],
    })
    out.push(guard('UserTopicXp'))
  } else {
    out.push({
      sql: `INSERT INTO "UserTopicXp" ("id", "userId", "topicId", "currentXp", "totalXpEarned", "level", "lastActivity", "dailyTasksCount", "dailyTasksDate",
            "srsStage", "nextReviewDate", "lastPracticedDate", "version", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      args: [
        ulid(),
        user.id,
        topic.id,
        t.currentXp,
        t.totalXpEarned,
        t.level,
        now,
        t.dailyTasksCount,
        t.dailyTasksDate,
        t.srsStage,
        t.nextReviewDate,
        today,
        now,
        now,
      ],
    })
  }

  out.push({
    sql: `INSERT INTO "UserTaskAttempt" ("id", "attemptId", "userId", "taskId", "topicId", "answer", "isCorrect", "hintUsed", "durationMs", "xpEarned", "multiplier",
          "dayKey", "completedAt", "nextReviewDate", "reviewCount", "masteryLevel", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      attemptRowId,
      input.attemptId,
      user.id,
      task.id,
      topic.id,
      JSON.stringify(input.answer),
      bool(plan.isCorrect),
      bool(input.hintUsed),
      input.durationMs ?? null,
      plan.award.earned,
      plan.award.multiplier,
      today,
      now,
      learnerDay(plan.schedule.card.due, user.timezone, user.dayStartHour),
      plan.reviewCount,
      plan.taskMastery,
      now,
    ],
  })

  const c = plan.schedule.card
  const cardId = state.card?.id ?? ulid()
  const cardValues = [
    ts(c.due),
    c.stability,
    c.difficulty,
    c.elapsedDays,
    c.scheduledDays,
    c.learningSteps,
    c.reps,
    c.lapses,
    c.state,
    ts(c.lastReview),
    c.stage,
    c.nextReviewDate,
  ]
  if (state.card) {
    out.push({
      sql: `UPDATE "ReviewCard" SET "due" = ?, "stability" = ?, "difficulty" = ?, "elapsedDays" = ?, "scheduledDays" = ?, "learningSteps" = ?, "reps" = ?, "lapses" = ?,
            "state" = ?, "lastReview" = ?, "stage" = ?, "nextReviewDate" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
      args: [...cardValues, now, cardId, state.card.version],
    })
    out.push(guard('ReviewCard'))
  } else {
    out.push({
      sql: `INSERT INTO "ReviewCard" ("id", "userId", "taskId", "topicId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses",
            "state", "lastReview", "stage", "nextReviewDate", "version", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      args: [cardId, user.id, task.id, topic.id, ...cardValues, now, now],
    })
  }
  const l = plan.schedule.log
  out.push({
    sql: `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "taskAttemptId", "rating", "state", "due", "stability", "difficulty", "elapsedDays", "lastElapsedDays",
          "scheduledDays", "learningSteps", "review", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      ulid(),
      cardId,
      user.id,
      attemptRowId,
      l.rating,
      l.state,
      ts(l.due),
      l.stability,
      l.difficulty,
      l.elapsedDays,
      l.lastElapsedDays,
      l.scheduledDays,
      l.learningSteps,
      ts(l.review),
      now,
    ],
  })

  if (plan.award.earned > 0) {
    out.push({
      sql: `INSERT INTO "XpLedgerEntry" ("id", "userId", "amount", "source", "sourceId", "topicId", "dayKey", "createdAt") VALUES (?, ?, ?, 'task_attempt', ?, ?, ?, ?)`,
      args: [ulid(), user.id, plan.award.earned, attemptRowId, topic.id, today, now],
    })
    out.push(addXpStatement({ userId: user.id, amount: plan.award.earned, now: state.now }))
  }

  for (const m of plan.masteries) {
    out.push({
      sql: `INSERT INTO "ConceptMastery" ("id", "userId", "concept", "topicId", "mastery", "level", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT ("userId", "concept") DO UPDATE SET "mastery" = excluded."mastery", "level" = excluded."level", "updatedAt" = excluded."updatedAt"`,
      args: [ulid(), user.id, m.concept, topic.id, m.mastery, m.level, now, now],
    })
    if (m.progressEvidence) {
      out.push({
        sql: `INSERT INTO "Progress" ("id", "userId", "concept", "masteryLevel", "evidence", "attemptId", "tutorMessageId", "createdAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          ulid(),
          user.id,
          m.concept,
          m.mastery,
          m.progressEvidence,
          attemptRowId,
          task.source?.tutorMessageId ?? null,
          now,
        ],
      })
    }
  }
  out.push({
    sql: `INSERT INTO "LearnerProfile" ("id", "userId", "masteryMap", "knowledgeGaps", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT ("userId") DO UPDATE SET "masteryMap" = excluded."masteryMap", "knowledgeGaps" = excluded."knowledgeGaps", "updatedAt" = excluded."updatedAt"`,
    args: [
      ulid(),
      user.id,
      JSON.stringify(plan.profile.masteryMap),
      JSON.stringify(plan.profile.knowledgeGaps),
      now,
      now,
    ],
  })

  for (const s of plan.streaks) {
    const row = state.streaks[s.type]
    const v = s.state
    const streakId = row?.id ?? ulid()
    if (row) {
      out.push({
        sql: `UPDATE "Streak" SET "currentCount" = ?, "longestCount" = ?, "startDate" = ?, "lastActivityDate" = ?, "isActive" = ?, "freezesHeld" = ?,
              "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
        args: [
          v.currentCount,
          v.longestCount,
          v.startDate,
          v.lastActivityDate,
          bool(v.isActive),
          v.freezesHeld,
          now,
          row.id,
          row.version,
        ],
      })
      out.push(guard('Streak'))
    } else {
      out.push({
        sql: `INSERT INTO "Streak" ("id", "userId", "type", "currentCount", "longestCount", "startDate", "lastActivityDate", "isActive", "freezesHeld", "version", "createdAt", "updatedAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        args: [
          streakId,
          user.id,
          s.type,
          v.currentCount,
          v.longestCount,
          v.startDate,
          v.lastActivityDate,
          bool(v.isActive),
          v.freezesHeld,
          now,
          now,
        ],
      })
    }
    for (const periodKey of s.frozenPeriods) {
      out.push({
        sql: `INSERT INTO "StreakFreeze" ("id", "streakId", "userId", "periodKey", "reason", "createdAt") VALUES (?, ?, ?, ?, 'freeze', ?)`,
        args: [ulid(), streakId, user.id, periodKey, now],
      })
    }
  }

  out.push(
    behaviorLogStatement({
      userId: user.id,
      // A card answered before makes this a review; a first answer is practice.
      actionType: state.card ? 'review.answered' : 'task.answered',
      actionData: {
        taskId: task.id,
        topicId: topic.id,
        attemptId: input.attemptId,
        isCorrect: plan.isCorrect,
        xp: plan.award.earned,
      },
      context: input.context,
      now: state.now,
    }),
  )

  if (input.alongside) {
    out.push(
      ...input.alongside({
        userId: user.id,
        taskId: task.id,
        topicId: topic.id,
        concepts: task.concepts,
        isCorrect: plan.isCorrect,
        xpEarned: plan.award.earned,
        attemptRowId,
        dayKey: today,
        now: state.now,
        card: {
          stability: c.stability,
          difficulty: c.difficulty,
          due: c.due,
          lastReview: c.lastReview,
          reps: c.reps,
        },
        wasReview: state.card !== null,
        ownTask: task.ownerId !== null,
      }),
    )
  }

  if (user.activeTeamId) {
    // The team page shows the day of last activity: one write a day is enough.
    out.push(
      touchMemberStatement({
        teamId: user.activeTeamId,
        userId: user.id,
        now: state.now,
        onlyIfBefore: dayStartInstant(today, user.timezone, user.dayStartHour),
      }),
    )
  }
  return out
}
