import { describe, expect, it } from 'vitest'
import {
  awardXp,
  dailyTierMultiplier,
  levelFor,
  progressToNextLevel,
  remainingFullXpAnswers,
  repeatMultiplier,
  roundXp,
  taskBaseXp,
  type XpAwardInput,
  type XpTask,
  type XpTopicConfig,
} from './xp-rules'

/** The TopicXpConfig column defaults (prisma/schema/content.prisma), with the docs' thresholds. */
const DEFAULTS: XpTopicConfig = {
  maxXp: 1000,
  baseTaskXp: 10,
  dailyFullTasks: 10,
  dailyHalfTasks: 10,
  multiplierFull: 1,
  multiplierHalf: 0.5,
  multiplierLow: 0.1,
  multiplierEarly: 0.5,
  levelThresholds: [0, 100, 250, 500, 1000],
  dailyXpDecay: 0,
  minXpPercent: 0.1,
}
/** docs/xp.md's example topic: the defaults, with repeats decaying by a quarter. */
const EXAMPLE: XpTopicConfig = { ...DEFAULTS, dailyXpDecay: 0.25 }
/** Small tiers so every edge is easy to see. */
const SMALL: XpTopicConfig = { ...DEFAULTS, dailyFullTasks: 3, dailyHalfTasks: 2 }

const easy: XpTask = { baseXp: null, difficulty: 'easy' }
const medium: XpTask = { baseXp: null, difficulty: 'medium' }
const hard: XpTask = { baseXp: null, difficulty: 'hard' }

function award(overrides: Partial<XpAwardInput>) {
  return awardXp({
    topic: EXAMPLE,
    task: easy,
    isCorrect: true,
    earningCorrectToday: 0,
    repeatsToday: 0,
    answeredBeforeDue: false,
    currentXp: 0,
    totalXpEarned: 0,
    ...overrides,
  })
}

describe('taskBaseXp', () => {
  it.each([
    ['easy', null, 10, 10],
    ['medium', null, 10, 15],
    ['hard', null, 10, 20],
    ['medium', null, 7, 10.5],
    ['hard', 25, 10, 25], // the task's own base XP wins over difficulty
    ['easy', 3, 10, 3],
    ['hard', 0, 10, 0],
  ] as const)('%s task, own base %s, topic base %i → %d', (difficulty, baseXp, baseTaskXp, expected) => {
    expect(taskBaseXp({ difficulty, baseXp }, { baseTaskXp })).toBe(expected)
  })
})

describe('dailyTierMultiplier', () => {
  it.each([
    // SMALL: 3 full, then 2 half, then low
    [SMALL, 0, 'full', 1],
    [SMALL, 2, 'full', 1], // dailyFullTasks − 1
    [SMALL, 3, 'half', 0.5], // dailyFullTasks
    [SMALL, 4, 'half', 0.5], // dailyFullTasks + dailyHalfTasks − 1
    [SMALL, 5, 'low', 0.1], // dailyFullTasks + dailyHalfTasks
    [SMALL, 50, 'low', 0.1],
    // defaults: 10 full, 10 half
    [DEFAULTS, 9, 'full', 1],
    [DEFAULTS, 10, 'half', 0.5],
    [DEFAULTS, 19, 'half', 0.5],
    [DEFAULTS, 20, 'low', 0.1],
    // no half tier at all
    [{ ...SMALL, dailyHalfTasks: 0 }, 2, 'full', 1],
    [{ ...SMALL, dailyHalfTasks: 0 }, 3, 'low', 0.1],
  ] as const)('%#: n = %i → %s × %d', (topic, n, tier, multiplier) => {
    expect(dailyTierMultiplier(n, topic)).toEqual({ tier, multiplier })
  })

  it('refuses a negative or fractional count', () => {
    expect(() => dailyTierMultiplier(-1, SMALL)).toThrow(RangeError)
    expect(() => dailyTierMultiplier(1.5, SMALL)).toThrow(RangeError)
  })
})

describe('repeatMultiplier', () => {
  it.each([
    [0.5, 0.2, 0, 1],
    [0.5, 0.2, 1, 0.5],
    [0.5, 0.2, 2, 0.25],
    [0.5, 0.2, 3, 0.2], // 0.125 is below the floor
    [0.5, 0.25, 2, 0.25], // exactly at the floor
    [0.5, 0.25, 3, 0.25],
    [0.25, 0.1, 1, 0.75],
    [0.25, 0.1, 2, 0.5625],
    [0.25, 0.1, 8, 0.75 ** 8], // 0.1001…: still above the floor
    [0.25, 0.1, 9, 0.1], // 0.0751… → the floor
    [0, 0.1, 5, 1], // the default decay 0: repeats are not reduced
    [1, 0.1, 1, 0.1], // decay 1: the floor from the first repeat
  ])('decay %d, floor %d, k = %i → %d', (dailyXpDecay, minXpPercent, k, expected) => {
    expect(repeatMultiplier(k, { dailyXpDecay, minXpPercent })).toBeCloseTo(expected, 12)
  })
})

describe('remainingFullXpAnswers', () => {
  it.each([
    [0, 10],
    [9, 1],
    [10, 0],
    [15, 0],
  ])('n = %i → %i', (n, expected) => {
    expect(remainingFullXpAnswers(n, DEFAULTS)).toBe(expected)
  })
})

describe('levelFor and progressToNextLevel', () => {
  const thresholds = [0, 100, 250, 500, 1000]
  it.each([
    [0, 1, 0, 100, 0],
    [50, 1, 0, 100, 0.5],
    [99, 1, 0, 100, 0.99],
    [100, 2, 100, 250, 0], // exactly at a threshold
    [175, 2, 100, 250, 0.5],
    [249, 2, 100, 250, 149 / 150],
    [250, 3, 250, 500, 0],
    [999, 4, 500, 1000, 499 / 500],
    [1000, 5, 1000, null, 1], // top level
    [1200, 5, 1000, null, 1],
  ])('%i XP → level %i (floor %i, next %s, %d of the way)', (xp, level, floor, next, fraction) => {
    expect(levelFor(xp, thresholds)).toBe(level)
    const progress = progressToNextLevel(xp, thresholds)
    expect(progress).toMatchObject({ level, floor, next })
    expect(progress.fraction).toBeCloseTo(fraction, 12)
  })

  it.each([
    [[100, 250, 500, 1000], 0, 1], // without the leading 0: same levels
    [[100, 250, 500, 1000], 100, 2],
    [[100, 250, 500, 1000], 1000, 5],
    [[250, 100, 0], 100, 2], // order does not matter
    [[250, 100, 0], 250, 3],
    [[], 500, 1],
    [[0], 0, 1],
  ])('thresholds %j at %i XP → level %i', (t, xp, level) => {
    expect(levelFor(xp, t)).toBe(level)
    expect(progressToNextLevel(xp, t).level).toBe(level)
  })

  it('shows a full bar when there are no levels to reach', () => {
    expect(progressToNextLevel(40, [])).toEqual({ level: 1, floor: 0, next: null, fraction: 1 })
  })
})

describe('roundXp: half up, immune to float noise', () => {
  it.each([
    [7.5, 8],
    [0.5, 1],
    [2.5, 3],
    [1.25, 1],
    [1.75, 2],
    [0.375, 0],
    [0.49, 0],
    [45 * 0.7, 32], // 31.499999999999996 in floating point, meant as 31.5
    [10, 10],
    [0, 0],
  ])('%d → %i', (value, expected) => {
    expect(roundXp(value)).toBe(expected)
  })
})

describe('awardXp', () => {
  it.each([
    // name, input, earned, tier, early, repeat
    ['easy, full tier', { task: easy }, 10, 1, 1, 1],
    ['medium, full tier', { task: medium }, 15, 1, 1, 1],
    ['hard, full tier', { task: hard }, 20, 1, 1, 1],
    ['own base XP', { task: { baseXp: 25, difficulty: 'easy' } }, 25, 1, 1, 1],
    ['last full answer', { task: hard, earningCorrectToday: 9 }, 20, 1, 1, 1],
    ['first half answer', { task: hard, earningCorrectToday: 10 }, 10, 0.5, 1, 1],
    ['last half answer', { task: hard, earningCorrectToday: 19 }, 10, 0.5, 1, 1],
    ['first low answer', { task: hard, earningCorrectToday: 20 }, 2, 0.1, 1, 1],
    ['early review', { task: hard, answeredBeforeDue: true }, 10, 1, 0.5, 1],
    ['first repeat: 7.5 rounds up', { repeatsToday: 1 }, 8, 1, 1, 0.75],
    ['second repeat: 5.625', { repeatsToday: 2 }, 6, 1, 1, 0.5625],
    ['repeat at the floor', { repeatsToday: 9 }, 1, 1, 1, 0.1],
    ['half × early: 3.75', { task: medium, earningCorrectToday: 10, answeredBeforeDue: true }, 4, 0.5, 0.5, 1],
    [
      'half × early × repeat',
      { task: hard, earningCorrectToday: 12, answeredBeforeDue: true, repeatsToday: 1 },
      4,
      0.5,
      0.5,
      0.75,
    ],
    ['low × early: 0.5 rounds up', { earningCorrectToday: 20, answeredBeforeDue: true }, 1, 0.1, 0.5, 1],
    [
      'low × early × repeat: 0.375 → 0',
      { earningCorrectToday: 20, answeredBeforeDue: true, repeatsToday: 1 },
      0,
      0.1,
      0.5,
      0.75,
    ],
    [
      '31.5 in floats rounds up',
      { task: { baseXp: 45, difficulty: 'hard' }, topic: { ...EXAMPLE, dailyXpDecay: 0.3 }, repeatsToday: 1 },
      32,
      1,
      1,
      0.7,
    ],
    ['default decay 0: repeats keep full XP', { topic: DEFAULTS, repeatsToday: 3 }, 10, 1, 1, 1],
  ] as const)('%s → %i XP', (_name, overrides, earned, tier, early, repeat) => {
    const result = award(overrides as Partial<XpAwardInput>)
    expect(result.earned).toBe(earned)
    expect(result.multipliers).toMatchObject({ tier, early, repeat })
    expect(result.multiplier).toBeCloseTo(tier * early * repeat, 12)
    expect(result.countsTowardDailyTier).toBe(earned > 0)
  })

  it.each([
    // currentXp, earned → currentXp, capped
    [980, 20, 1000, false], // exactly reaches maxXp
    [990, 20, 1000, true], // would exceed: capped
    [1000, 20, 1000, true], // already at the cap
  ])(
    'at %i XP, +%i → %i (capped: %s); totalXpEarned still grows by all of it',
    (currentXp, earned, expectedXp, capped) => {
      const result = award({ task: hard, currentXp, totalXpEarned: 5000 })
      expect(result).toMatchObject({ earned, currentXp: expectedXp, totalXpEarned: 5000 + earned, level: 5, capped })
      expect(result.breakdown.some((row) => row.label === 'Topic XP is capped at')).toBe(capped)
    },
  )

  it('never lowers topic XP that is above a since-lowered maxXp', () => {
    expect(award({ topic: { ...EXAMPLE, maxXp: 500 }, currentXp: 600 }).currentXp).toBe(600)
  })

  it.each([
    [90, 10, 100, 2, true], // reaches a threshold exactly
    [89, 10, 99, 1, false],
    [240, 10, 250, 3, true],
    [995, 10, 1000, 5, true],
  ])('from %i XP, +%i → %i XP, level %i (level up: %s)', (currentXp, earned, xp, level, leveledUp) => {
    const result = award({ task: { baseXp: earned, difficulty: 'easy' }, currentXp })
    expect(result).toMatchObject({ currentXp: xp, level, leveledUp })
  })

  it('a wrong answer earns 0 and changes nothing else', () => {
    const result = award({
      isCorrect: false,
      task: hard,
      earningCorrectToday: 4,
      repeatsToday: 2,
      answeredBeforeDue: true,
      currentXp: 240,
      totalXpEarned: 700,
    })
    expect(result).toEqual({
      earned: 0,
      base: 0,
      multiplier: 0,
      multipliers: null,
      countsTowardDailyTier: false,
      currentXp: 240,
      totalXpEarned: 700,
      level: 2,
      leveledUp: false,
      capped: false,
      breakdown: [{ label: 'Wrong answer', value: '0 XP' }],
    })
  })

  it('explains the award line by line', () => {
    const result = award({ task: hard, earningCorrectToday: 12, answeredBeforeDue: true, repeatsToday: 1 })
    expect(result.breakdown).toEqual([
      { label: 'Base XP (hard task)', value: '20 XP' },
      { label: 'Reduced XP: answer 13 in this topic today (after 10)', value: '× 0.5' },
      { label: 'Early review (answered before it was due)', value: '× 0.5' },
      { label: 'Repeat: 2nd correct answer to this task today', value: '× 0.75' },
      { label: 'Earned', value: '4 XP' },
    ])
    expect(award({ task: { baseXp: 30, difficulty: 'easy' } }).breakdown[0]).toEqual({
      label: 'Base XP (set by this task)',
      value: '30 XP',
    })
    expect(award({ earningCorrectToday: 2 }).breakdown[1]).toEqual({
      label: 'Full XP: answer 3 in this topic today (10 a day)',
      value: '× 1',
    })
    expect(award({ earningCorrectToday: 25 }).breakdown[1]).toEqual({
      label: 'Low XP: answer 26 in this topic today (after 20)',
      value: '× 0.1',
    })
    expect(award({ repeatsToday: 2 }).breakdown[2]).toEqual({
      label: 'Repeat: 3rd correct answer to this task today',
      value: '× 0.563',
    })
  })
})

// ── The worked examples of docs/xp.md (keep the two in step) ────────────────────────────────────

describe('docs/xp.md: a learner’s day in one topic', () => {
  // Example topic: schema defaults with dailyXpDecay 0.25 and thresholds [0, 100, 250, 500, 1000].
  // The learner starts the day with 90 XP in the topic (level 1).
  // task, correct, early, expected earned, currentXp after, level after
  const day: Array<[string, XpTask, boolean, boolean, number, number, number]> = [
    ['T1', easy, true, false, 10, 100, 2],
    ['T2', medium, true, false, 15, 115, 2],
    ['T3', hard, true, false, 20, 135, 2],
    ['T4', medium, false, false, 0, 135, 2],
    ['T4', medium, true, false, 15, 150, 2],
    ['T1', easy, true, false, 8, 158, 2], // repeat: 10 × 0.75 = 7.5 → 8
    ['T5', hard, true, true, 10, 168, 2], // early review: 20 × 0.5
    ['T1', easy, true, false, 6, 174, 2], // second repeat: 10 × 0.5625 = 5.625 → 6
    ['T6', medium, true, false, 15, 189, 2],
    ['T7', medium, true, false, 15, 204, 2],
    ['T8', hard, true, false, 20, 224, 2], // the 10th XP-earning answer: last at full XP
    ['T9', hard, true, false, 10, 234, 2], // the 11th: half XP
  ]

  it('gives the numbers of the table', () => {
    let currentXp = 90
    let totalXpEarned = 90
    let n = 0
    const correctToday = new Map<string, number>()
    const earned: number[] = []
    for (const [id, task, isCorrect, answeredBeforeDue, expected, xpAfter, levelAfter] of day) {
      const k = correctToday.get(id) ?? 0
      const result = awardXp({
        topic: EXAMPLE,
        task,
        isCorrect,
        earningCorrectToday: n,
        repeatsToday: k,
        answeredBeforeDue,
        currentXp,
        totalXpEarned,
      })
      expect([id, result.earned, result.currentXp, result.level]).toEqual([id, expected, xpAfter, levelAfter])
      earned.push(result.earned)
      if (isCorrect) correctToday.set(id, k + 1)
      if (result.countsTowardDailyTier) n++
      currentXp = result.currentXp
      totalXpEarned = result.totalXpEarned
    }
    expect(earned.reduce((a, b) => a + b, 0)).toBe(144)
    expect(totalXpEarned).toBe(234)
    expect(n).toBe(11)
    expect(remainingFullXpAnswers(n, EXAMPLE)).toBe(0)
    expect(progressToNextLevel(currentXp, EXAMPLE.levelThresholds)).toEqual({
      level: 2,
      floor: 100,
      next: 250,
      fraction: 134 / 150,
    })
  })

  it('repeat decay of the example topic, down to the floor', () => {
    const xp = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => award({ repeatsToday: k }).earned)
    expect(xp).toEqual([10, 8, 6, 4, 3, 2, 2, 1, 1, 1])
  })

  it('hitting maxXp', () => {
    const first = awardXp({
      topic: EXAMPLE,
      task: hard,
      isCorrect: true,
      earningCorrectToday: 12,
      repeatsToday: 0,
      answeredBeforeDue: false,
      currentXp: 995,
      totalXpEarned: 1480,
    })
    expect(first).toMatchObject({
      earned: 10,
      currentXp: 1000,
      totalXpEarned: 1490,
      level: 5,
      leveledUp: true,
      capped: true,
    })
    const second = awardXp({
      topic: EXAMPLE,
      task: hard,
      isCorrect: true,
      earningCorrectToday: 13,
      repeatsToday: 0,
      answeredBeforeDue: false,
      currentXp: 1000,
      totalXpEarned: 1490,
    })
    expect(second).toMatchObject({
      earned: 10,
      currentXp: 1000,
      totalXpEarned: 1500,
      level: 5,
      leveledUp: false,
      capped: true,
    })
  })

  it('late in the day: the low tier', () => {
    expect(award({ task: hard, earningCorrectToday: 20 }).earned).toBe(2)
    expect(award({ task: easy, earningCorrectToday: 20, answeredBeforeDue: true }).earned).toBe(1)
    const nothing = award({ task: easy, earningCorrectToday: 20, answeredBeforeDue: true, repeatsToday: 1 })
    expect(nothing).toMatchObject({ earned: 0, countsTowardDailyTier: false })
  })
})
