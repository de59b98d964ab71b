/**
 * Practice (issue 4, item 8): which task a learner gets next in a topic, a chosen
 * task as the browser may see it (toTaskView: never the answer, tolerance or
 * explanation), and answering it through submitAnswerAndTask.
 *
 * Next task: the topic's due reviews first (oldest due first), then tasks never
 * answered (content order), then the answered ones with the weakest predicted recall.
 */
import { visibleTaskWhere } from '~/modules/content/own-tasks.server'
import { serverNow } from '~/utils/clock.server'
import type { Scheduler } from '~/generated/prisma/client'
import { type TaskView, revealHints, toTaskView } from '~/modules/content/task-view'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import type { ActivityContext } from '~/utils/activity.server'
import type { AnswerInputValue } from './practice-input'
import { recallProbability } from './scheduling'
import { CARD_SELECT } from './submission-state.server'
import { type SubmissionResult, type SubmitInput, submitAnswerAndTask } from './submission.server'

export interface PracticeTopic {
  id: string
  slug: string
  title: string
  scheduler: Scheduler
  subject: { slug: string; title: string }
}

/** Why this task was picked. */
export type PracticeReason = 'due' | 'new' | 'weakest' | 'chosen'

export interface PracticeTask {
  task: TaskView
  topic: { slug: string; title: string }
  reason: PracticeReason
  /** the hints the learner asked for so far */
  hints: string[]
}

const TASK_VIEW_SELECT = {
  id: true,
  kind: true,
  prompt: true,
  choices: true,
  // read only by toTaskView to tell radio buttons from checkboxes; never returned
  answer: true,
  difficulty: true,
  concepts: true,
  hints: true,
} as const

const TOPIC_SELECT = {
  id: true,
  slug: true,
  title: true,
  scheduler: true,
  subject: { select: { slug: true, title: true } },
} as const

/** An active topic of an active subject, or NotFound. */
export async function findPracticeTopic(slug: string): Promise<PracticeTopic> {
  const topic = await prisma.topicXpConfig.findFirst({
    where: { slug, active: true, subject: { active: true } },
    select: TOPIC_SELECT,
  })
  if (!topic) throw new NotFound('There is no such topic.')
  return topic
}

/**
 * One active task of the topic (or of any active topic when `topicId` is null), with
 * the first `hints` hints; NotFound otherwise — also for a task of another topic.
 */
export async function practiceTask(
  userId: string,
  taskId: string,
  { topicId = null, hints = 0 }: { topicId?: string | null; hints?: number } = {},
): Promise<PracticeTask> {
  const row = await prisma.task.findFirst({
    where: {
      id: taskId,
      active: true,
      ...visibleTaskWhere(userId),
      topic: { active: true, subject: { active: true } },
      ...(topicId ? { topicId } : {}),
    },
    select: { ...TASK_VIEW_SELECT, topic: { select: { slug: true, title: true } } },
  })
  if (!row) throw new NotFound(topicId ? 'There is no such task in this topic.' : 'There is no such task.')
  return { task: toTaskView(row), topic: row.topic, reason: 'chosen', hints: revealHints(row, hints) }
}

/**
 * The task to practise next in a topic, or null when the topic has no tasks. `after`
 * (the task just answered) is skipped when another task is available.
 */
export async function nextPracticeTask(
  userId: string,
  topic: PracticeTopic,
  { now = serverNow(), after = null }: { now?: Date; after?: string | null } = {},
): Promise<PracticeTask | null> {
  const [tasks, cards] = await Promise.all([
    prisma.task.findMany({
      where: { topicId: topic.id, active: true, ...visibleTaskWhere(userId) },
      select: { ...TASK_VIEW_SELECT, order: true },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
    }),
    prisma.reviewCard.findMany({ where: { userId, topicId: topic.id }, select: { ...CARD_SELECT, taskId: true } }),
  ])
  const byId = new Map(tasks.map((t) => [t.id, t]))
  const answered = cards.filter((c) => byId.has(c.taskId))
  const seen = new Set(answered.map((c) => c.taskId))
  const due = answered
    .filter((c) => c.due.getTime() <= now.getTime())
    .sort((a, b) => a.due.getTime() - b.due.getTime() || compare(a.taskId, b.taskId))
    .map((c) => ({ id: c.taskId, reason: 'due' as const }))
  const fresh = tasks.filter((t) => !seen.has(t.id)).map((t) => ({ id: t.id, reason: 'new' as const }))
  const weakest = answered
    .filter((c) => c.due.getTime() > now.getTime())
    .map((c) => ({ id: c.taskId, recall: recallProbability(c, now, topic.scheduler), due: c.due.getTime() }))
    .sort((a, b) => a.recall - b.recall || a.due - b.due || compare(a.id, b.id))
    .map((c) => ({ id: c.id, reason: 'weakest' as const }))
  const order = [...due, ...fresh, ...weakest]
  const pick = order.find((c) => c.id !== after) ?? order[0]
  if (!pick) return null
  const row = byId.get(pick.id)!
  return { task: toTaskView(row), topic: { slug: topic.slug, title: topic.title }, reason: pick.reason, hints: [] }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Whether the attempt id was already used (a page showing a task must then offer a fresh one). */
export async function attemptIdUsed(attemptId: string): Promise<boolean> {
  return (await prisma.userTaskAttempt.count({ where: { attemptId } })) > 0
}

export interface AnsweredTask {
  result: SubmissionResult
  /** the task as shown (for the feedback: the prompt and the options the learner chose from) */
  task: TaskView
}

/**
 * Answers a task. With `topicId`, a task of another topic is NotFound (the practice
 * page's URL names the topic). A repeated attempt id replays the first result.
 */
export async function answerTask(
  userId: string,
  input: AnswerInputValue,
  {
    topicId = null,
    now = serverNow(),
    context = null,
    alongside,
  }: { topicId?: string | null; now?: Date; context?: ActivityContext | null } & Pick<SubmitInput, 'alongside'> = {},
): Promise<AnsweredTask> {
  const { result, task } = await submitAnswerAndTask(
    {
      userId,
      taskId: input.taskId,
      answer: input.answer,
      attemptId: input.attemptId,
      hintUsed: input.hintUsed,
      durationMs: input.durationMs,
      topicId,
      context,
      alongside,
    },
    now,
  )
  return { result, task: toTaskView(task) }
}
