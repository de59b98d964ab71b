import type { Row } from '@libsql/client'
import type {
  CardState,
  MasteryLevel,
  Scheduler,
  StreakType,
  TaskDifficulty,
  TaskKind,
} from '~/generated/prisma/client'
import { visibleTaskSql } from '~/modules/content/own-tasks.server'
import { type TaskSource, parseTaskSource } from '~/modules/content/task-source'
import type { TaskViewSource } from '~/modules/content/task-view'
import { databaseReady } from '~/utils/db.server'
import { dateOrNull, numberOrNull, parsedJson, textOrNull } from '~/utils/db/row-values'
import { type WeekStart, addDays, asWeekStart, learnerDay } from '~/utils/time'
import type { CardFields } from './scheduling'
import { TOPIC_RULE_COLUMNS } from './topic-rules-select.server'
import type { StreakState } from './streak-rules'
import type { XpTopicConfig } from './xp-rules'

/**
 * Everything one submission reads before it computes: the task and its topic's
 * rules, the learner's day, topic XP, review card, today's counts, the concepts'
 * evidence and the streaks. Rows that the write will guard carry their `version`.
 *
 * This is the hot path of answering (issue 4, item 9), so it is ONE SQL statement
 * rather than a score of ORM queries: one round trip, one consistent snapshot.
 */
export interface SubmissionState {
  now: Date
  user: {
    id: string
    timezone: string
    dayStartHour: number
    weekStartsOn: WeekStart
    dailyGoal: number
    activeTeamId: string | null
  }
  today: string
  task: {
    id: string
    kind: TaskKind
    answer: unknown
    tolerance: number | null
    choices: unknown
    difficulty: TaskDifficulty
    baseXp: number | null
    concepts: string[]
    explanation: string | null
    /** the passage the task was made from (a learner's own task from a tutor answer) */
    source: TaskSource | null
    /** set for a learner's own task (only that learner can load it) */
    ownerId: string | null
  }
  topic: XpTopicConfig & { id: string; slug: string; title: string; scheduler: Scheduler; reviewIntervals: number[] }
  topicXp: {
    id: string
    version: number
    currentXp: number
    totalXpEarned: number
    dailyTasksCount: number
    dailyTasksDate: string | null
  } | null
  card: (CardFields & { id: string; version: number }) | null
  /** correct answers to this task earlier today (k) */
  correctToTaskToday: number
  /** answers to this task before this one */
  previousAnswers: number
  /** XP the learner earned today before this answer, across topics (daily goal) */
  xpToday: number
  /** the earliest due of the learner's other cards in this topic: the topic's next review date */
  otherTopicDue: Date | null
  concepts: Array<{
    concept: string
    taskCount: number
    current: { mastery: number; level: MasteryLevel } | null
    /** evidence of the concept's other tasks (this task's is added by the plan) */
    otherTasks: Array<{
      card: CardFields
      scheduler: Scheduler
      attempts: number
      lastCorrect: boolean
      correctDays: number
    }>
    /** this task's history before this answer */
    thisTask: { attempts: number; lastCorrect: boolean; correctDays: number; correctToday: boolean }
  }>
  /** every ConceptMastery row of the learner (for the LearnerProfile snapshot) */
  allMasteries: Array<{ concept: string; topicId: string | null; mastery: number; level: MasteryLevel }>
  streaks: Record<StreakType, (StreakState & { id: string; version: number }) | null>
}

/** What answering reads, in one statement; `state` is null when there is no task with the id. */
export interface SubmissionRead {
  /** the learner and task of an earlier answer with this attempt id */
  usedBy: { userId: string; taskId: string } | null
  task: (SubmissionState['task'] & TaskViewSource & { topicId: string; offered: boolean }) | null
  state: SubmissionState | null
}

/** The ReviewCard columns the schedulers read (with the row's identity), for SQL and for Prisma (CARD_SELECT). */
const CARD_FIELDS = [
  'id',
  'version',
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
  'stage',
  'nextReviewDate',
] as const
export const CARD_SELECT = Object.fromEntries(CARD_FIELDS.map((f) => [f, true])) as {
  [K in (typeof CARD_FIELDS)[number]]: true
}
/** The same columns in SQL, of the card aliased `alias`, named `card_<field>` for `cardOf`. */
export const cardColumnsSql = (alias: string) => CARD_FIELDS.map((f) => `${alias}."${f}" AS "card_${f}"`).join(', ')

const CLEAN = (a: string) => `${a}."isCorrect" = 1 AND ${a}."hintUsed" = 0`
/**
 * The learner's history of a task as a JSON array: answers, distinct days with a clean
 * (correct, no hint) answer, and whether the last answer was clean.
 */
const historyJson = (task: string) => `json_array(
    (SELECT COUNT(*) FROM "UserTaskAttempt" h WHERE h."userId" = u."id" AND h."taskId" = ${task}),
    (SELECT COUNT(DISTINCT CASE WHEN ${CLEAN('h')} THEN h."dayKey" END) FROM "UserTaskAttempt" h WHERE h."userId" = u."id" AND h."taskId" = ${task}),
    (SELECT ${CLEAN('h')} FROM "UserTaskAttempt" h WHERE h."userId" = u."id" AND h."taskId" = ${task} ORDER BY h."completedAt" DESC, h.rowid DESC LIMIT 1))`
// JSON keeps 15 significant digits of a REAL; the FSRS floats travel as exact text.
const exact = (column: string) => `printf('%.17g', ${column})`
const EVIDENCE_CARD = [
  'due',
  'state',
  'lastReview',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'stage',
  'nextReviewDate',
].map((f) => `ec."${f}"`)

/**
 * Everything in one row. Which day is "today" depends on the learner's time zone, read
 * by this same statement, so the per-day figures come for every day it could be (?4)
 * and the caller picks. The concepts' evidence: one entry per (concept, active task
 * naming it), with the learner's card and history of tasks other than this one.
 */
const SUBMISSION_SQL = `
  SELECT u."timezone", u."dayStartHour", u."weekStartsOn", u."dailyXpGoal", u."activeTeamId", s."dailyXpGoal" AS "teamDailyXpGoal",
    t."id" AS "taskId", t."active" AS "taskActive", t."kind", t."prompt", t."answer", t."tolerance", t."choices", t."difficulty", t."baseXp",
    t."concepts", t."hints", t."explanation", t."topicId", t."ownerId", t."source",
    p."slug", p."title", p."active" AS "topicActive", ${TOPIC_RULE_COLUMNS.map((c) => `p."${c}"`).join(', ')},
    a."userId" AS "usedByUser", a."taskId" AS "usedForTask",
    x."id" AS "xp_id", x."version" AS "xp_version", x."currentXp" AS "xp_currentXp", x."totalXpEarned" AS "xp_totalXpEarned",
    x."dailyTasksCount" AS "xp_dailyTasksCount", x."dailyTasksDate" AS "xp_dailyTasksDate",
    ${cardColumnsSql('c')},
    ${historyJson('t."id"')} AS "history",
    (SELECT json_group_object(d."dayKey", json_array(d."correct", d."clean")) FROM (
      SELECT h."dayKey", SUM(h."isCorrect") AS "correct", MAX(${CLEAN('h')}) AS "clean" FROM "UserTaskAttempt" h
      WHERE h."userId" = u."id" AND h."taskId" = t."id" AND h."dayKey" IN (SELECT value FROM json_each(?4)) GROUP BY h."dayKey") d) AS "taskByDay",
    (SELECT json_group_object(d."dayKey", d."xp") FROM (
      SELECT l."dayKey", SUM(l."amount") AS "xp" FROM "XpLedgerEntry" l
      WHERE l."userId" = u."id" AND l."dayKey" IN (SELECT value FROM json_each(?4)) GROUP BY l."dayKey") d) AS "xpByDay",
    (SELECT MIN(o."due") FROM "ReviewCard" o WHERE o."userId" = u."id" AND o."topicId" = t."topicId" AND o."taskId" <> t."id") AS "otherDue",
    (SELECT json_group_array(json_array(k."id", k."version", k."type", k."currentCount", k."longestCount", k."startDate", k."lastActivityDate", k."freezesHeld", k."isActive"))
      FROM "Streak" k WHERE k."userId" = u."id") AS "streaks",
    (SELECT json_group_array(json_array(m."concept", m."topicId", m."mastery", m."level")) FROM "ConceptMastery" m WHERE m."userId" = u."id") AS "masteries",
    (SELECT json_group_array(json_array(j.value, e."id", ep."scheduler", ec."id", ${exact('ec."stability"')}, ${exact('ec."difficulty"')}, ${EVIDENCE_CARD.join(', ')},
        CASE WHEN ec."id" IS NULL THEN NULL ELSE ${historyJson('e."id"')} END))
      FROM "Task" e JOIN json_each(e."concepts") j JOIN "TopicXpConfig" ep ON ep."id" = e."topicId"
      LEFT JOIN "ReviewCard" ec ON ec."userId" = u."id" AND ec."taskId" = e."id" AND e."id" <> t."id"
      WHERE e."active" = 1 AND ${visibleTaskSql('e', 'u."id"')} AND j.value IN (SELECT value FROM json_each(t."concepts"))) AS "evidence"
  FROM "User" u
  LEFT JOIN "TeamSettings" s ON s."teamId" = u."activeTeamId"
  LEFT JOIN "Task" t ON t."id" = ?2 AND ${visibleTaskSql('t', 'u."id"')}
  LEFT JOIN "TopicXpConfig" p ON p."id" = t."topicId"
  LEFT JOIN "UserTaskAttempt" a ON a."attemptId" = ?3
  LEFT JOIN "UserTopicXp" x ON x."userId" = u."id" AND x."topicId" = t."topicId"
  LEFT JOIN "ReviewCard" c ON c."userId" = u."id" AND c."taskId" = t."id"
  WHERE u."id" = ?1`

/** Every day key "today" can be for some time zone and day start hour at `now`. */
function possibleDays(now: Date): string[] {
  const utcDay = now.toISOString().slice(0, 10)
  return [-2, -1, 0, 1].map((n) => addDays(utcDay, n))
}

export async function loadSubmission(
  userId: string,
  taskId: string,
  attemptId: string,
  now: Date,
): Promise<SubmissionRead> {
  const db = await databaseReady()
  const row = (
    await db.execute({ sql: SUBMISSION_SQL, args: [userId, taskId, attemptId, JSON.stringify(possibleDays(now))] })
  ).rows[0]
  if (!row) throw new Error(`No user ${userId}`)
  const usedBy = row.usedByUser === null ? null : { userId: String(row.usedByUser), taskId: String(row.usedForTask) }
  if (row.taskId === null) return { usedBy, task: null, state: null }

  const user = {
    id: userId,
    timezone: String(row.timezone),
    dayStartHour: Number(row.dayStartHour),
    weekStartsOn: asWeekStart(Number(row.weekStartsOn)),
    dailyGoal: Number(row.teamDailyXpGoal ?? row.dailyXpGoal),
    activeTeamId: textOrNull(row.activeTeamId),
  }
  const today = learnerDay(now, user.timezone, user.dayStartHour)
  const task = {
    id: String(row.taskId),
    topicId: String(row.topicId),
    offered: row.taskActive === 1 && row.topicActive === 1,
    kind: row.kind as TaskKind,
    prompt: String(row.prompt),
    answer: parsedJson(row.answer),
    tolerance: numberOrNull(row.tolerance),
    choices: parsedJson(row.choices),
    difficulty: row.difficulty as TaskDifficulty,
    baseXp: numberOrNull(row.baseXp),
    concepts: strings(parsedJson(row.concepts)),
    hints: parsedJson(row.hints),
    explanation: textOrNull(row.explanation),
    source: parseTaskSource(parsedJson(row.source)),
    ownerId: textOrNull(row.ownerId),
  }
  const topic = {
    id: task.topicId,
    slug: String(row.slug),
    title: String(row.title),
    scheduler: row.scheduler as Scheduler,
    maxXp: Number(row.maxXp),
    baseTaskXp: Number(row.baseTaskXp),
    dailyFullTasks: Number(row.dailyFullTasks),
    dailyHalfTasks: Number(row.dailyHalfTasks),
    multiplierFull: Number(row.multiplierFull),
    multiplierHalf: Number(row.multiplierHalf),
    multiplierLow: Number(row.multiplierLow),
    multiplierEarly: Number(row.multiplierEarly),
    levelThresholds: numbers(parsedJson(row.levelThresholds)),
    dailyXpDecay: Number(row.dailyXpDecay),
    minXpPercent: Number(row.minXpPercent),
    reviewIntervals: numbers(parsedJson(row.reviewIntervals)),
  }
  // this task's answers on each possible day: [correct ones, whether one was clean]
  const [correctAnswersToday = 0, cleanToday = 0] =
    (parsedJson(row.taskByDay) as Record<string, [number, number]> | null)?.[today] ?? []
  const xpByDay = parsedJson(row.xpByDay) as Record<string, number>
  const thisTask = { ...historyOf(parsedJson(row.history)), correctToday: cleanToday === 1 }
  const allMasteries = (parsedJson(row.masteries) as Array<[string, string | null, number, MasteryLevel]>).map(
    ([concept, topicId, mastery, level]) => ({ concept, topicId, mastery, level }),
  )
  const streaks: SubmissionState['streaks'] = { daily: null, weekly: null, monthly: null }
  for (const [
    id,
    version,
    type,
    currentCount,
    longestCount,
    startDate,
    lastActivityDate,
    freezesHeld,
    isActive,
  ] of parsedJson(row.streaks) as StreakRow[]) {
    streaks[type] = {
      id,
      version,
      currentCount,
      longestCount,
      startDate,
      lastActivityDate,
      freezesHeld,
      isActive: isActive === 1,
    }
  }

  const state: SubmissionState = {
    now,
    user,
    today,
    task,
    topic,
    topicXp:
      row.xp_id === null
        ? null
        : {
            id: String(row.xp_id),
            version: Number(row.xp_version),
            currentXp: Number(row.xp_currentXp),
            totalXpEarned: Number(row.xp_totalXpEarned),
            dailyTasksCount: Number(row.xp_dailyTasksCount),
            dailyTasksDate: textOrNull(row.xp_dailyTasksDate),
          },
    card: row.card_id === null ? null : cardOf(row),
    correctToTaskToday: correctAnswersToday,
    previousAnswers: thisTask.attempts,
    xpToday: xpByDay[today] ?? 0,
    otherTopicDue: dateOrNull(row.otherDue),
    concepts: conceptsOf(task.concepts, parsedJson(row.evidence) as EvidenceRow[], thisTask, allMasteries),
    allMasteries,
    streaks,
  }
  return { usedBy, task, state }
}

type StreakRow = [string, number, StreakType, number, number, string | null, string | null, number, number]
type EvidenceRow = [
  concept: string,
  taskId: string,
  scheduler: Scheduler,
  cardId: string | null,
  stability: string | null,
  difficulty: string | null,
  due: string,
  state: CardState,
  lastReview: string | null,
  elapsedDays: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  stage: number,
  nextReviewDate: string | null,
  history: unknown,
]

function historyOf(value: unknown) {
  const [attempts, correctDays, lastCorrect] = value as [number, number, number | null]
  return { attempts, correctDays, lastCorrect: lastCorrect === 1 }
}

function conceptsOf(
  concepts: string[],
  rows: EvidenceRow[],
  thisTask: SubmissionState['concepts'][number]['thisTask'],
  masteries: SubmissionState['allMasteries'],
): SubmissionState['concepts'] {
  return concepts.map((concept) => {
    const tasks = rows.filter((r) => r[0] === concept)
    const current = masteries.find((m) => m.concept === concept)
    return {
      concept,
      taskCount: new Set(tasks.map((r) => r[1])).size,
      current: current ? { mastery: current.mastery, level: current.level } : null,
      otherTasks: tasks
        .filter((r) => r[3] !== null)
        .map(
          ([
            ,
            ,
            scheduler,
            ,
            stability,
            difficulty,
            due,
            state,
            lastReview,
            elapsedDays,
            scheduledDays,
            learningSteps,
            reps,
            lapses,
            stage,
            nextReviewDate,
            history,
          ]) => ({
            card: {
              due: new Date(due),
              stability: Number(stability),
              difficulty: Number(difficulty),
              elapsedDays,
              scheduledDays,
              learningSteps,
              reps,
              lapses,
              state,
              lastReview: dateOrNull(lastReview),
              stage,
              nextReviewDate,
            },
            scheduler,
            ...historyOf(history),
          }),
        ),
      thisTask,
    }
  })
}

/** A card read through `cardColumnsSql`. */
export function cardOf(row: Row): CardFields & { id: string; version: number } {
  return {
    id: String(row.card_id),
    version: Number(row.card_version),
    due: new Date(String(row.card_due)),
    stability: Number(row.card_stability),
    difficulty: Number(row.card_difficulty),
    elapsedDays: Number(row.card_elapsedDays),
    scheduledDays: Number(row.card_scheduledDays),
    learningSteps: Number(row.card_learningSteps),
    reps: Number(row.card_reps),
    lapses: Number(row.card_lapses),
    state: row.card_state as CardState,
    lastReview: dateOrNull(row.card_lastReview),
    stage: Number(row.card_stage),
    nextReviewDate: textOrNull(row.card_nextReviewDate),
  }
}

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
