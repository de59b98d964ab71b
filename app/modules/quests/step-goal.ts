import { z } from 'zod'
import type { MasteryLevel } from '~/generated/prisma/client'

/**
 * A learning goal on a quest step (QuestStep.goal): the step ticks itself when the learner's
 * learning facts meet it, never by hand (docs/quests.md, "Learning steps"). Pure: the facts are
 * read by learning-goals.server.ts.
 *
 * - answer_tasks: `count` correct answers in the topic since the step was made;
 * - topic_level: the topic at level `level` or higher;
 * - concept_mastery: the concept at mastery Proficient (or Mastered);
 * - clear_reviews: no review due now, and at least one review answered since the step was made
 *   (an empty queue alone is no work).
 */
export const MAX_GOAL_COUNT = 50
export const MAX_GOAL_LEVEL = 20

const TopicRef = z
  .string({ message: 'Choose a topic' })
  .trim()
  .min(1, 'Choose a topic')
  .max(40, 'Choose a topic from the list')
const Concept = z
  .string({ message: 'Give a concept key, e.g. "fractions.add"' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'A concept key is letters, digits, dots and dashes, e.g. "fractions.add"')
const WholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ message }).int(message).min(min, message).max(max, message),
  )

export const StepGoal = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('answer_tasks'),
      topicId: TopicRef,
      count: WholeNumber(1, MAX_GOAL_COUNT, `Give a number of answers from 1 to ${MAX_GOAL_COUNT}`),
    }),
    z.object({
      kind: z.literal('topic_level'),
      topicId: TopicRef,
      level: WholeNumber(2, MAX_GOAL_LEVEL, `Give a level from 2 to ${MAX_GOAL_LEVEL}`),
    }),
    z.object({
      kind: z.literal('concept_mastery'),
      concept: Concept,
      mastery: z.literal('proficient', { message: 'The mastery to reach is "proficient"' }),
    }),
    z.object({ kind: z.literal('clear_reviews') }),
  ],
  { message: 'Choose a kind of learning goal: answer_tasks, topic_level, concept_mastery or clear_reviews' },
)
export type StepGoal = z.output<typeof StepGoal>
export type GoalKind = StepGoal['kind']

/**
 * What the column stores: the goal, plus where the learner stood when the step was made
 * (`baseline`: the topic level for topic_level, the concept's 0–100 mastery for
 * concept_mastery). The baseline decides how much work the goal was (quest-xp.ts): a level
 * already reached ticks the step but counts no work.
 */
export type StoredGoal = StepGoal & { baseline?: number }
const Stored = z.intersection(StepGoal, z.object({ baseline: z.number().optional() }))

/** The goal of a step's JSON column; null for a step ticked by hand (or a column this code cannot read). */
export function storedGoal(json: unknown): StoredGoal | null {
  if (json === null || json === undefined) return null
  const parsed = Stored.safeParse(typeof json === 'string' ? safeJson(json) : json)
  return parsed.success ? parsed.data : null
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The learning facts a goal is checked against (read for one step). */
export interface GoalFacts {
  /** correct answers in the goal's topic since the step was made */
  correctAnswersSince: number
  /** the learner's level in the goal's topic (1 when never practised) */
  topicLevel: number
  /** the learner's mastery level of the goal's concept (null when never met) */
  conceptLevel: MasteryLevel | null
  /** review cards due now */
  dueReviews: number
  /** reviews answered since the step was made */
  reviewsSince: number
}

const PROFICIENT_OR_BETTER: ReadonlySet<MasteryLevel> = new Set(['proficient', 'mastered'])

/** Do the facts meet the goal? */
export function goalMet(goal: StepGoal, facts: GoalFacts): boolean {
  switch (goal.kind) {
    case 'answer_tasks':
      return facts.correctAnswersSince >= goal.count
    case 'topic_level':
      return facts.topicLevel >= goal.level
    case 'concept_mastery':
      return facts.conceptLevel !== null && PROFICIENT_OR_BETTER.has(facts.conceptLevel)
    case 'clear_reviews':
      return facts.dueReviews === 0 && facts.reviewsSince > 0
  }
}

/** The goal in words, for the step list ("Answer 5 tasks of Fractions correctly"). */
export function describeGoal(goal: StepGoal, topicTitle?: string | null): string {
  const topic = topicTitle ?? 'the topic'
  switch (goal.kind) {
    case 'answer_tasks':
      return `Answer ${goal.count} ${goal.count === 1 ? 'task' : 'tasks'} of ${topic} correctly`
    case 'topic_level':
      return `Reach level ${goal.level} in ${topic}`
    case 'concept_mastery':
      return `Reach mastery Proficient in ${goal.concept}`
    case 'clear_reviews':
      return 'Clear the review queue'
  }
}

/** The topic a goal needs (for validating it and showing its title). */
export function goalTopicId(goal: StepGoal): string | null {
  return goal.kind === 'answer_tasks' || goal.kind === 'topic_level' ? goal.topicId : null
}
