/**
 * Ranking rules of challenge boards (docs/challenges.md). Pure.
 *
 * Standard competition ranking ("1224"): a learner's rank is 1 + the number of participants with
 * a strictly higher score, so equal scores share a rank and the next rank skips (1, 2, 2, 4).
 * The instant a score was reached (LeaderboardEntry.scoreReachedAt) does NOT break ties for the
 * rank: two learners with the same score have done equally well, and a rank that depended on who
 * answered first would reward answering at 00:01 over learning. Inside a tie the board lists
 * rows in a stable order (the order of the (challengeId, score) index, i.e. join order) that
 * means nothing; badges for placing go to everyone who shares the rank.
 *
 * Hidden learners (User.hideFromBoards) keep their place: their rows are left out of what other
 * learners see, but the ranks shown stay everyone's true standing (a learner may see 1, 3), so a
 * rank never changes when someone hides or shows themselves.
 */

/** Ranks of scores sorted from best to worst: equal scores share the rank of the first of them. */
export function competitionRanks(scoresBestFirst: readonly number[]): number[] {
  const ranks: number[] = []
  scoresBestFirst.forEach((score, i) => {
    if (i > 0 && score > scoresBestFirst[i - 1]!) throw new RangeError('scores must be sorted from best to worst')
    ranks.push(i > 0 && score === scoresBestFirst[i - 1] ? ranks[i - 1]! : i + 1)
  })
  return ranks
}

/** Rank from the number of participants with a strictly higher score. */
export const rankFromHigher = (higher: number) => higher + 1

/**
 * The widths of the score counts (LeaderboardScoreCount, kept by triggers on LeaderboardEntry): at
 * level k a bucket holds the scores s with s >> SCORE_COUNT_SHIFTS[k] equal (floor division by
 * 1, 32, 1024; SQLite's `>>` is an arithmetic shift, so negative scores are ordered too).
 */
export const SCORE_COUNT_SHIFTS = [0, 5, 10] as const

/** The bucket of a score at a level, as the triggers compute it (`score >> shift`). */
export const scoreBucket = (score: number, level: number) => Math.floor(score / 2 ** SCORE_COUNT_SHIFTS[level]!)

/** Buckets of one level whose counts are summed: bucket > `above` and (unless null) ≤ `atMost`. */
export interface BucketRange {
  level: number
  above: number
  atMost: number | null
}

/**
 * The bucket ranges whose counts add up to the number of scores strictly higher than `score`:
 * the buckets above its own at each level, inside its bucket of the next level (at most 31
 * each), and every top-level bucket above its own (one per 1024 points of the board's range).
 * Every higher score is counted once: at the lowest level where its bucket differs from `score`'s.
 */
export function higherScoreRanges(score: number): BucketRange[] {
  return SCORE_COUNT_SHIFTS.map((shift, level) => {
    const next = SCORE_COUNT_SHIFTS[level + 1]
    return {
      level,
      above: scoreBucket(score, level),
      atMost: next === undefined ? null : (scoreBucket(score, level + 1) + 1) * 2 ** (next - shift) - 1,
    }
  })
}

/** Participants shown around the viewer on each side. */
export const NEIGHBOURS = 2
/** Rows of the top of a board. */
export const TOP = 10

export interface RankedRow {
  userId: string
  name: string
  score: number
  rank: number
  isMe: boolean
}

/**
 * What a board shows: the top rows, and the viewer with their neighbours when they are not
 * already among the top (rows already in the top are not repeated).
 */
export function boardView<R extends RankedRow>(
  top: readonly R[],
  around: readonly R[],
): { top: R[]; around: R[]; meInTop: boolean } {
  const inTop = new Set(top.map((r) => r.userId))
  const meInTop = top.some((r) => r.isMe)
  return { top: [...top], around: meInTop ? [] : around.filter((r) => !inTop.has(r.userId)), meInTop }
}
