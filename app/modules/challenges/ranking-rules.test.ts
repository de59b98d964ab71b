import { describe, expect, it } from 'vitest'
import { seededRandom } from '#tests/support/random'
import {
  SCORE_COUNT_SHIFTS,
  boardView,
  competitionRanks,
  higherScoreRanges,
  rankFromHigher,
  scoreBucket,
} from './ranking-rules'

describe('standard competition ranking', () => {
  it.each([
    { scores: [], ranks: [] },
    { scores: [50], ranks: [1] },
    { scores: [90, 80, 80, 70], ranks: [1, 2, 2, 4] },
    { scores: [5, 5, 5], ranks: [1, 1, 1] },
    { scores: [9, 9, 7, 7, 7, 1], ranks: [1, 1, 3, 3, 3, 6] },
    { scores: [0, 0], ranks: [1, 1] },
  ])('$scores → $ranks', ({ scores, ranks }) => {
    expect(competitionRanks(scores)).toEqual(ranks)
  })

  it('refuses scores that are not sorted best first', () => {
    expect(() => competitionRanks([1, 2])).toThrow(RangeError)
  })

  // Board 100, 90, 80, 80, 70, 60 (ranks 1 2 3 3 5 6); me = one of the 80s (rank 3, 2 higher).
  it('ranks from the count of higher scores', () => {
    expect(rankFromHigher(2)).toBe(3)
    expect(rankFromHigher(0)).toBe(1)
  })
})

/** The number of higher scores as the board reads it: the bucket counts of `scores` summed over the ranges. */
function higherFromBuckets(scores: readonly number[], score: number): number {
  const counts = new Map<string, number>()
  for (const s of scores)
    SCORE_COUNT_SHIFTS.forEach((_, level) => {
      const key = `${level}:${scoreBucket(s, level)}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    })
  let n = 0
  for (const [key, c] of counts) {
    const [level, bucket] = key.split(':').map(Number) as [number, number]
    const range = higherScoreRanges(score)[level]!
    if (bucket > range.above && (range.atMost === null || bucket <= range.atMost)) n += c
  }
  return n
}

const random = seededRandom

const EDGES = [-1025, -1024, -33, -32, -1, 0, 1, 31, 32, 33, 63, 64, 1023, 1024, 1025, 2047, 2048, 32_767, 32_768]

describe('the rank from bucket counts', () => {
  it.each([
    {
      score: 0,
      ranges: [
        { level: 0, above: 0, atMost: 31 },
        { level: 1, above: 0, atMost: 31 },
        { level: 2, above: 0, atMost: null },
      ],
    },
    {
      score: 31,
      ranges: [
        { level: 0, above: 31, atMost: 31 },
        { level: 1, above: 0, atMost: 31 },
        { level: 2, above: 0, atMost: null },
      ],
    },
    {
      score: 32,
      ranges: [
        { level: 0, above: 32, atMost: 63 },
        { level: 1, above: 1, atMost: 31 },
        { level: 2, above: 0, atMost: null },
      ],
    },
    {
      score: 1023,
      ranges: [
        { level: 0, above: 1023, atMost: 1023 },
        { level: 1, above: 31, atMost: 31 },
        { level: 2, above: 0, atMost: null },
      ],
    },
    {
      score: 1024,
      ranges: [
        { level: 0, above: 1024, atMost: 1055 },
        { level: 1, above: 32, atMost: 63 },
        { level: 2, above: 1, atMost: null },
      ],
    },
    {
      score: -1,
      ranges: [
        { level: 0, above: -1, atMost: -1 },
        { level: 1, above: -1, atMost: -1 },
        { level: 2, above: -1, atMost: null },
      ],
    },
  ])('reads at most 32 buckets a level below the top: $score', ({ score, ranges }) => {
    expect(higherScoreRanges(score)).toEqual(ranges)
  })

  it.each([
    { name: 'one score', scores: [5] },
    { name: 'ties only', scores: [7, 7, 7, 7] },
    { name: 'the bucket edges', scores: EDGES },
    { name: 'the bucket edges twice (ties across edges)', scores: [...EDGES, ...EDGES, 31, 32, 1023, 1024] },
    { name: 'everyone at 0 but one', scores: [0, 0, 0, 0, 0, 1_000_000] },
    { name: 'negative and positive', scores: [-5000, -1, 0, 1, 5000] },
  ])('counts the higher scores like a brute force count: $name', ({ scores }) => {
    for (const score of new Set([...scores, ...EDGES, -2000, 100_000, 2_000_000]))
      expect(higherFromBuckets(scores, score), `score ${score}`).toBe(scores.filter((s) => s > score).length)
  })

  it.each([1, 2, 3, 4, 5])('counts the higher scores like a brute force count on random boards (seed %i)', (seed) => {
    const next = random(seed)
    const spread = [40, 2000, 100_000][seed % 3]!
    const scores = Array.from({ length: 300 }, () =>
      next() < 0.2
        ? EDGES[Math.floor(next() * EDGES.length)]!
        : Math.floor(next() * spread) - (seed === 5 ? spread / 2 : 0),
    )
    for (const score of new Set([...scores, ...EDGES])) {
      expect(higherFromBuckets(scores, score), `score ${score}`).toBe(scores.filter((s) => s > score).length)
    }
  })
})

describe('board view', () => {
  const row = (userId: string, rank: number, isMe = false) => ({ userId, name: userId, score: 100 - rank, rank, isMe })

  it('shows the viewer among the top without a second list', () => {
    const view = boardView([row('a', 1), row('me', 2, true)], [row('a', 1), row('me', 2, true), row('b', 3)])
    expect(view).toEqual({ top: [row('a', 1), row('me', 2, true)], around: [], meInTop: true })
  })

  it('shows the neighbours of a viewer below the top, without repeating top rows', () => {
    const top = Array.from({ length: 10 }, (_, i) => row(`t${i}`, i + 1))
    const around = [row('t9', 10), row('x', 11), row('me', 12, true), row('y', 13), row('z', 14)]
    expect(boardView(top, around).around.map((r) => r.userId)).toEqual(['x', 'me', 'y', 'z'])
  })
})
