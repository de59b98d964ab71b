/**
 * The unlock criteria of an achievement (docs/achievements.md): a small typed language,
 * validated with zod where it enters (the catalogue files, the Achievement.unlockCriteria
 * column), and `progressOf`, which says how far a learner's facts are from meeting it.
 * Pure: no I/O.
 */
import { z } from 'zod'

export const STREAK_KINDS = ['daily', 'weekly', 'monthly'] as const
export type StreakKind = (typeof STREAK_KINDS)[number]

/** The ConceptMastery levels a criterion can ask for, lowest first (learning's MasteryLevel without not_started). */
export const MASTERY_STEPS = ['attempted', 'familiar', 'proficient', 'mastered'] as const
export type MasteryStep = (typeof MASTERY_STEPS)[number]

/** Everything the criteria can look at, read once per evaluation (achievement-facts.server.ts). */
export interface AchievementFacts {
  /** User.totalXp: XP from every source */
  totalXp: number
  /** UserTopicXp.level of each topic the learner started, by topic slug */
  topicLevels: Record<string, number>
  /** Streak.longestCount of each kind: a run once reached is never lost by a later gap */
  longestStreaks: Record<StreakKind, number>
  /** reviews done: answers to a card that had been answered before (ReviewLog.state ≠ new) */
  reviewsDone: number
  /** quests completed (and not reopened) */
  questsCompleted: number
  /** concepts whose ConceptMastery level is at least each step */
  conceptsAtLeast: Record<MasteryStep, number>
  /** the best final rank in any finished challenge (LeaderboardEntry.rank, isFinal), null before one */
  bestChallengeRank: number | null
}

export function noFacts(): AchievementFacts {
  return {
    totalXp: 0,
    topicLevels: {},
    longestStreaks: { daily: 0, weekly: 0, monthly: 0 },
    reviewsDone: 0,
    questsCompleted: 0,
    conceptsAtLeast: { attempted: 0, familiar: 0, proficient: 0, mastered: 0 },
    bestChallengeRank: null,
  }
}

export type Criteria =
  | { kind: 'total_xp'; atLeast: number }
  /** level ≥ atLeast in the topic named, or (without `topic`) in any one topic */
  | { kind: 'topic_level'; topic?: string; atLeast: number }
  /** at least `atLeast` topics at level ≥ `level` */
  | { kind: 'topics_at_level'; level: number; atLeast: number }
  | { kind: 'streak'; streak: StreakKind; atLeast: number }
  | { kind: 'reviews_done'; atLeast: number }
  | { kind: 'quests_completed'; atLeast: number }
  /** at least `atLeast` concepts at `mastery` (default mastered) or above */
  | { kind: 'concepts_mastered'; atLeast: number; mastery: MasteryStep }
  | { kind: 'all'; of: Criteria[] }
  | { kind: 'any'; of: Criteria[] }
  /** finish a challenge ranked `atMost` or better (its final standing, ties sharing a rank) */
  | { kind: 'challenge_rank'; atMost: number }

/** A message for a wrong value; a missing one is reported as "is required" (as content-schema.ts words it). */
const expect = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
})
const threshold = z.int(expect('must be a whole number')).min(1, 'must be at least 1').max(10_000_000, 'is too large')
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Every kind of criterion (the starter catalogue's test checks it uses each). */
export const CRITERIA_KINDS = [
  'total_xp',
  'topic_level',
  'topics_at_level',
  'streak',
  'reviews_done',
  'quests_completed',
  'concepts_mastered',
  'all',
  'any',
  'challenge_rank',
] as const

/** Nesting deeper than this is refused: it would only be a puzzle for whoever reads the file. */
const MAX_DEPTH = 3

const combination = (kind: 'all' | 'any') =>
  z.strictObject({
    kind: z.literal(kind),
    get of() {
      return z
        .array(CriteriaSchema, expect('must be a list of criteria'))
        .min(2, `must combine at least 2 criteria (a single one needs no "${kind}")`)
        .max(10, 'must combine at most 10 criteria')
    },
  })

export const CriteriaSchema: z.ZodType<Criteria> = z.lazy(() =>
  z
    .discriminatedUnion(
      'kind',
      [
        z.strictObject({ kind: z.literal('total_xp'), atLeast: threshold }),
        z.strictObject({
          kind: z.literal('topic_level'),
          topic: z
            .string(expect('must be a topic slug'))
            .regex(SLUG, 'must be a topic slug, e.g. "fractions"')
            .optional(),
          atLeast: threshold.max(100, 'must be at most 100'),
        }),
        z.strictObject({
          kind: z.literal('topics_at_level'),
          level: threshold.max(100, 'must be at most 100'),
          atLeast: threshold.max(1000, 'must be at most 1000'),
        }),
        z.strictObject({
          kind: z.literal('streak'),
          streak: z.enum(STREAK_KINDS, expect('must be "daily", "weekly" or "monthly"')),
          atLeast: threshold,
        }),
        z.strictObject({ kind: z.literal('reviews_done'), atLeast: threshold }),
        z.strictObject({ kind: z.literal('quests_completed'), atLeast: threshold }),
        z.strictObject({
          kind: z.literal('concepts_mastered'),
          atLeast: threshold,
          mastery: z
            .enum(MASTERY_STEPS, expect('must be "attempted", "familiar", "proficient" or "mastered"'))
            .default('mastered'),
        }),
        z.strictObject({
          kind: z.literal('challenge_rank'),
          atMost: threshold.max(1000, 'must be at most 1000'),
        }),
        combination('all'),
        combination('any'),
      ],
      { error: () => `kind must be one of ${CRITERIA_KINDS.map((k) => `"${k}"`).join(', ')}` },
    )
    .superRefine((criteria, ctx) => {
      if (depthOf(criteria) > MAX_DEPTH)
        ctx.addIssue({ code: 'custom', message: `nests "all"/"any" more than ${MAX_DEPTH} levels deep` })
    }),
) as z.ZodType<Criteria>

function depthOf(criteria: Criteria): number {
  return criteria.kind === 'all' || criteria.kind === 'any' ? 1 + Math.max(...criteria.of.map(depthOf)) : 0
}

/** The criteria of a stored row, or null when the column holds something this code cannot read. */
export function parseCriteria(value: unknown): Criteria | null {
  const result = CriteriaSchema.safeParse(value)
  return result.success ? result.data : null
}

/** Every topic slug the criteria name (the catalogue test checks they exist). */
export function topicsNamed(criteria: Criteria): string[] {
  if (criteria.kind === 'all' || criteria.kind === 'any') return criteria.of.flatMap(topicsNamed)
  return criteria.kind === 'topic_level' && criteria.topic ? [criteria.topic] : []
}

/**
 * How far the facts are from the criteria. For a threshold, `current` is the learner's value
 * capped at `target`. For `all`/`any`, both are percentages: `all` is the mean of its parts'
 * fractions (each capped at 1), `any` the best part's; `met` follows the parts (all of them, or
 * one). So `met` is always `current === target`.
 */
export interface Progress {
  current: number
  target: number
  met: boolean
}

export function progressOf(criteria: Criteria, facts: AchievementFacts): Progress {
  switch (criteria.kind) {
    case 'total_xp':
      return threshold_(facts.totalXp, criteria.atLeast)
    case 'topic_level': {
      const level = criteria.topic
        ? (facts.topicLevels[criteria.topic] ?? 0)
        : Math.max(0, ...Object.values(facts.topicLevels))
      return threshold_(level, criteria.atLeast)
    }
    case 'topics_at_level':
      return threshold_(
        Object.values(facts.topicLevels).filter((level) => level >= criteria.level).length,
        criteria.atLeast,
      )
    case 'streak':
      return threshold_(facts.longestStreaks[criteria.streak], criteria.atLeast)
    case 'reviews_done':
      return threshold_(facts.reviewsDone, criteria.atLeast)
    case 'quests_completed':
      return threshold_(facts.questsCompleted, criteria.atLeast)
    case 'concepts_mastered':
      return threshold_(facts.conceptsAtLeast[criteria.mastery], criteria.atLeast)
    case 'challenge_rank': {
      // A rank is met or not: no half-way to show.
      const met = facts.bestChallengeRank !== null && facts.bestChallengeRank <= criteria.atMost
      return { current: met ? 1 : 0, target: 1, met }
    }
    case 'all': {
      const parts = criteria.of.map((c) => progressOf(c, facts))
      if (parts.every((p) => p.met)) return { current: 100, target: 100, met: true }
      const mean = parts.reduce((sum, p) => sum + fraction(p), 0) / parts.length
      return { current: Math.min(99, Math.floor(mean * 100)), target: 100, met: false }
    }
    case 'any': {
      const parts = criteria.of.map((c) => progressOf(c, facts))
      if (parts.some((p) => p.met)) return { current: 100, target: 100, met: true }
      const best = Math.max(...parts.map(fraction))
      return { current: Math.min(99, Math.floor(best * 100)), target: 100, met: false }
    }
  }
}

function threshold_(value: number, target: number): Progress {
  const current = Math.max(0, Math.min(value, target))
  return { current, target, met: current >= target }
}

/** 0..1 of the way to the target. */
export function fraction(progress: Pick<Progress, 'current' | 'target'>): number {
  return progress.target > 0 ? Math.min(1, Math.max(0, progress.current / progress.target)) : 0
}

/** Whole percent of the way (0..100), floored so that 100 means met. */
export function percentOf(progress: Pick<Progress, 'current' | 'target'>): number {
  return Math.floor(fraction(progress) * 100)
}

/** "120 / 500 XP", "3 / 7-day streak"…: what a page prints beside the bar. */
export function progressLabel(criteria: Criteria, progress: Pick<Progress, 'current' | 'target'>): string {
  const of = `${progress.current} / ${progress.target}`
  switch (criteria.kind) {
    case 'total_xp':
      return `${of} XP`
    case 'topic_level':
      return criteria.topic ? `level ${of} in ${criteria.topic}` : `level ${of} in your best topic`
    case 'topics_at_level':
      return `${of} topics at level ${criteria.level}`
    case 'streak':
      return `${of} ${criteria.streak === 'daily' ? 'days' : criteria.streak === 'weekly' ? 'weeks' : 'months'} in a row`
    case 'reviews_done':
      return `${of} reviews`
    case 'quests_completed':
      return `${of} quests`
    case 'concepts_mastered':
      return `${of} concepts ${criteria.mastery}`
    case 'challenge_rank':
      return progress.current >= progress.target
        ? `finished a challenge in the top ${criteria.atMost}`
        : `not yet in the top ${criteria.atMost} of a finished challenge`
    case 'all':
    case 'any':
      return `${progress.current}%`
  }
}
