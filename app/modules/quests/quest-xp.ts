import type { QuestDifficulty } from '~/generated/prisma/client'
import { PROFICIENT_MIN } from '~/modules/learning/mastery'
import type { StoredGoal } from './step-goal'

/**
 * Quest XP (docs/quests.md, "XP"): paid once, when a quest is completed for the first time.
 * It comes from what the server knows — the difficulty and the learning work of the quest's
 * ticked learning steps — never from a number a client sends.
 *
 * - A **learning quest** (one with at least one learning step) pays
 *   `round(work × difficulty multiplier)`, at most LEARNING_QUEST_MAX_XP, and the learner's
 *   learning quests pay at most LEARNING_QUEST_DAILY_CAP a day.
 * - A **plain quest** (no learning step) pays PLAIN_QUEST_XP whatever its difficulty (a
 *   difficulty the learner picks for a quest they tick off themselves proves nothing), and
 *   plain quests pay at most PLAIN_QUEST_DAILY_CAP a day.
 *
 * Work points of a ticked learning step (an unticked one counts nothing):
 * - answer_tasks: WORK_PER_ANSWER per answer of its count (answered after the step was made);
 * - topic_level: WORK_PER_LEVEL per level gained since the step was made (a level already
 *   reached then ticks the step but is no work);
 * - concept_mastery: WORK_PER_CONCEPT when the concept was below Proficient when the step was made;
 * - clear_reviews: WORK_PER_REVIEW_CLEAR (it needs a review answered after the step was made).
 */
export const DIFFICULTY_MULTIPLIER: Record<QuestDifficulty, number> = { easy: 1, medium: 1.5, hard: 2, epic: 3 }
export const WORK_PER_ANSWER = 2
export const WORK_PER_LEVEL = 10
export const WORK_PER_CONCEPT = 15
export const WORK_PER_REVIEW_CLEAR = 5
export const LEARNING_QUEST_MAX_XP = 150
export const LEARNING_QUEST_DAILY_CAP = 300
export const PLAIN_QUEST_XP = 5
export const PLAIN_QUEST_DAILY_CAP = 15

export type QuestXpKind = 'plain' | 'learning'

export interface QuestXpInput {
  difficulty: QuestDifficulty
  /** every learning step of the quest, ticked or not */
  goalSteps: readonly { goal: StoredGoal; completed: boolean }[]
  /** quest XP already paid on the learner's day, by kind */
  paidToday: Record<QuestXpKind, number>
}

export interface QuestXp {
  kind: QuestXpKind
  amount: number
  /** work points of the ticked learning steps (0 for a plain quest) */
  work: number
  /** how the amount came about, in words */
  breakdown: string[]
}

/** Work points of one ticked learning step. */
export function goalWork(goal: StoredGoal): number {
  switch (goal.kind) {
    case 'answer_tasks':
      return goal.count * WORK_PER_ANSWER
    case 'topic_level':
      return Math.max(0, goal.level - (goal.baseline ?? goal.level)) * WORK_PER_LEVEL
    case 'concept_mastery':
      return (goal.baseline ?? PROFICIENT_MIN) < PROFICIENT_MIN ? WORK_PER_CONCEPT : 0
    case 'clear_reviews':
      return WORK_PER_REVIEW_CLEAR
  }
}

export function questXpKind(goalSteps: QuestXpInput['goalSteps']): QuestXpKind {
  return goalSteps.length > 0 ? 'learning' : 'plain'
}

export const DAILY_CAP: Record<QuestXpKind, number> = {
  plain: PLAIN_QUEST_DAILY_CAP,
  learning: LEARNING_QUEST_DAILY_CAP,
}

/** The XP a first completion pays. */
export function questXp(input: QuestXpInput): QuestXp {
  const kind = questXpKind(input.goalSteps)
  const left = Math.max(0, DAILY_CAP[kind] - input.paidToday[kind])
  if (kind === 'plain') {
    const amount = Math.min(PLAIN_QUEST_XP, left)
    const breakdown = [`Quest without learning steps: ${PLAIN_QUEST_XP} XP`]
    if (amount < PLAIN_QUEST_XP)
      breakdown.push(`Daily limit of ${PLAIN_QUEST_DAILY_CAP} XP for such quests: ${amount} XP`)
    return { kind, amount, work: 0, breakdown }
  }
  const work = input.goalSteps.filter((s) => s.completed).reduce((sum, s) => sum + goalWork(s.goal), 0)
  const multiplier = DIFFICULTY_MULTIPLIER[input.difficulty]
  const raw = Math.round(work * multiplier)
  const perQuest = Math.min(raw, LEARNING_QUEST_MAX_XP)
  const amount = Math.min(perQuest, left)
  const breakdown = [`Learning work ${work} × ${multiplier} (${input.difficulty}) = ${raw} XP`]
  if (perQuest < raw) breakdown.push(`At most ${LEARNING_QUEST_MAX_XP} XP per quest`)
  if (amount < perQuest) breakdown.push(`Daily limit of ${LEARNING_QUEST_DAILY_CAP} XP from quests: ${amount} XP`)
  return { kind, amount, work, breakdown }
}
