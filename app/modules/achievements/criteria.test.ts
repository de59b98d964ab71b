import { describe, expect, it } from 'vitest'
import {
  CriteriaSchema,
  noFacts,
  parseCriteria,
  percentOf,
  progressLabel,
  progressOf,
  topicsNamed,
  type AchievementFacts,
  type Criteria,
} from './criteria'

const facts = (over: Partial<AchievementFacts> = {}): AchievementFacts => ({ ...noFacts(), ...over })
const xp = (atLeast: number): Criteria => ({ kind: 'total_xp', atLeast })

describe('progressOf: every kind at its boundary', () => {
  it.each<[string, Criteria, AchievementFacts, { current: number; target: number; met: boolean }]>([
    ['total XP below', xp(100), facts({ totalXp: 99 }), { current: 99, target: 100, met: false }],
    [
      'challenge rank, none finished',
      { kind: 'challenge_rank', atMost: 3 },
      facts({}),
      { current: 0, target: 1, met: false },
    ],
    [
      'challenge rank just outside',
      { kind: 'challenge_rank', atMost: 3 },
      facts({ bestChallengeRank: 4 }),
      { current: 0, target: 1, met: false },
    ],
    [
      'challenge rank at',
      { kind: 'challenge_rank', atMost: 3 },
      facts({ bestChallengeRank: 3 }),
      { current: 1, target: 1, met: true },
    ],
    [
      'challenge rank better (shared first)',
      { kind: 'challenge_rank', atMost: 3 },
      facts({ bestChallengeRank: 1 }),
      { current: 1, target: 1, met: true },
    ],
    ['total XP at', xp(100), facts({ totalXp: 100 }), { current: 100, target: 100, met: true }],
    ['total XP above (capped)', xp(100), facts({ totalXp: 250 }), { current: 100, target: 100, met: true }],
    ['total XP negative after reversals', xp(100), facts({ totalXp: -5 }), { current: 0, target: 100, met: false }],
    [
      'topic level, named topic below',
      { kind: 'topic_level', topic: 'fractions', atLeast: 3 },
      facts({ topicLevels: { fractions: 2, percentages: 5 } }),
      { current: 2, target: 3, met: false },
    ],
    [
      'topic level, named topic at',
      { kind: 'topic_level', topic: 'fractions', atLeast: 3 },
      facts({ topicLevels: { fractions: 3 } }),
      { current: 3, target: 3, met: true },
    ],
    [
      'topic level, topic never started',
      { kind: 'topic_level', topic: 'fractions', atLeast: 2 },
      facts({ topicLevels: { percentages: 5 } }),
      { current: 0, target: 2, met: false },
    ],
    [
      'topic level, any topic: the best one counts',
      { kind: 'topic_level', atLeast: 4 },
      facts({ topicLevels: { fractions: 2, percentages: 4 } }),
      { current: 4, target: 4, met: true },
    ],
    [
      'topic level, any topic, none started',
      { kind: 'topic_level', atLeast: 2 },
      facts(),
      { current: 0, target: 2, met: false },
    ],
    [
      'topics at level: one short',
      { kind: 'topics_at_level', level: 3, atLeast: 3 },
      facts({ topicLevels: { a: 3, b: 5, c: 2 } }),
      { current: 2, target: 3, met: false },
    ],
    [
      'topics at level: exactly',
      { kind: 'topics_at_level', level: 3, atLeast: 3 },
      facts({ topicLevels: { a: 3, b: 5, c: 3 } }),
      { current: 3, target: 3, met: true },
    ],
    [
      'daily streak below',
      { kind: 'streak', streak: 'daily', atLeast: 7 },
      facts({ longestStreaks: { daily: 6, weekly: 9, monthly: 9 } }),
      { current: 6, target: 7, met: false },
    ],
    [
      'weekly streak at',
      { kind: 'streak', streak: 'weekly', atLeast: 4 },
      facts({ longestStreaks: { daily: 0, weekly: 4, monthly: 0 } }),
      { current: 4, target: 4, met: true },
    ],
    [
      'monthly streak: the other kinds do not count',
      { kind: 'streak', streak: 'monthly', atLeast: 3 },
      facts({ longestStreaks: { daily: 90, weekly: 12, monthly: 2 } }),
      { current: 2, target: 3, met: false },
    ],
    [
      'reviews below',
      { kind: 'reviews_done', atLeast: 10 },
      facts({ reviewsDone: 9 }),
      { current: 9, target: 10, met: false },
    ],
    [
      'reviews at',
      { kind: 'reviews_done', atLeast: 10 },
      facts({ reviewsDone: 10 }),
      { current: 10, target: 10, met: true },
    ],
    ['quests below', { kind: 'quests_completed', atLeast: 1 }, facts(), { current: 0, target: 1, met: false }],
    [
      'quests at',
      { kind: 'quests_completed', atLeast: 1 },
      facts({ questsCompleted: 1 }),
      { current: 1, target: 1, met: true },
    ],
    [
      'concepts mastered (default step)',
      { kind: 'concepts_mastered', atLeast: 2, mastery: 'mastered' },
      facts({ conceptsAtLeast: { attempted: 9, familiar: 8, proficient: 5, mastered: 1 } }),
      { current: 1, target: 2, met: false },
    ],
    [
      'concepts at least proficient',
      { kind: 'concepts_mastered', atLeast: 5, mastery: 'proficient' },
      facts({ conceptsAtLeast: { attempted: 9, familiar: 8, proficient: 5, mastered: 1 } }),
      { current: 5, target: 5, met: true },
    ],
    [
      'all: the mean of the parts, never 100 until every part is met',
      { kind: 'all', of: [xp(100), { kind: 'reviews_done', atLeast: 10 }] },
      facts({ totalXp: 100, reviewsDone: 9 }),
      { current: 95, target: 100, met: false },
    ],
    [
      'all: every part met',
      { kind: 'all', of: [xp(100), { kind: 'reviews_done', atLeast: 10 }] },
      facts({ totalXp: 100, reviewsDone: 10 }),
      { current: 100, target: 100, met: true },
    ],
    [
      'all: 99.9 % is floored to 99',
      { kind: 'all', of: [xp(1000), xp(1)] },
      facts({ totalXp: 999 }),
      { current: 99, target: 100, met: false },
    ],
    [
      'any: the best part',
      { kind: 'any', of: [xp(100), { kind: 'reviews_done', atLeast: 10 }] },
      facts({ totalXp: 30, reviewsDone: 5 }),
      { current: 50, target: 100, met: false },
    ],
    [
      'any: one part met is enough',
      { kind: 'any', of: [xp(100), { kind: 'reviews_done', atLeast: 10 }] },
      facts({ totalXp: 0, reviewsDone: 10 }),
      { current: 100, target: 100, met: true },
    ],
    [
      'nested: all of (any of …) and a threshold',
      {
        kind: 'all',
        of: [
          { kind: 'any', of: [xp(10), { kind: 'streak', streak: 'daily', atLeast: 2 }] },
          { kind: 'reviews_done', atLeast: 4 },
        ],
      },
      facts({ totalXp: 10, reviewsDone: 2 }),
      { current: 75, target: 100, met: false },
    ],
  ])('%s', (_name, criteria, given, expected) => {
    const progress = progressOf(criteria, given)
    expect(progress).toEqual(expected)
    expect(progress.met).toBe(progress.current === progress.target)
  })
})

describe('the criteria language', () => {
  it('fills the default mastery step and keeps what it accepts unchanged otherwise', () => {
    expect(CriteriaSchema.parse({ kind: 'concepts_mastered', atLeast: 3 })).toEqual({
      kind: 'concepts_mastered',
      atLeast: 3,
      mastery: 'mastered',
    })
    const nested = { kind: 'any', of: [xp(5), { kind: 'topic_level', topic: 'fractions', atLeast: 2 }] }
    expect(CriteriaSchema.parse(nested)).toEqual(nested)
  })

  it.each<[string, unknown, string, string]>([
    ['a threshold missing', { kind: 'total_xp' }, 'atLeast', 'is required'],
    ['a zero threshold', { kind: 'total_xp', atLeast: 0 }, 'atLeast', 'must be at least 1'],
    ['a fraction', { kind: 'reviews_done', atLeast: 1.5 }, 'atLeast', 'must be a whole number'],
    ['text for a number', { kind: 'quests_completed', atLeast: '3' }, 'atLeast', 'must be a whole number'],
    ['an unknown kind', { kind: 'answers', atLeast: 1 }, 'kind', 'kind must be one of'],
    ['a challenge rank of 0', { kind: 'challenge_rank', atMost: 0 }, 'atMost', 'must be at least 1'],
    ['a kind that does not exist', { kind: 'league_tier', atMost: 3 }, 'kind', 'kind must be one of'],
    [
      'an unknown streak',
      { kind: 'streak', streak: 'yearly', atLeast: 3 },
      'streak',
      'must be "daily", "weekly" or "monthly"',
    ],
    [
      'a topic that is no slug',
      { kind: 'topic_level', topic: 'Fractions!', atLeast: 2 },
      'topic',
      'must be a topic slug',
    ],
    ['a topic level over 100', { kind: 'topic_level', atLeast: 101 }, 'atLeast', 'must be at most 100'],
    [
      'an unknown mastery',
      { kind: 'concepts_mastered', atLeast: 1, mastery: 'expert' },
      'mastery',
      'must be "attempted"',
    ],
    ['a combination of one', { kind: 'all', of: [xp(1)] }, 'of', 'must combine at least 2 criteria'],
    ['a combination of nothing', { kind: 'any' }, 'of', 'is required'],
    [
      'a bad part, by its index',
      { kind: 'all', of: [xp(1), { kind: 'reviews_done', atLeast: -1 }] },
      'of.1.atLeast',
      'must be at least 1',
    ],
  ])('refuses %s, naming the field', (_name, input, path, message) => {
    const result = CriteriaSchema.safeParse(input)
    expect(result.success).toBe(false)
    const issues = result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) })
  })

  it('refuses a misspelt field and nesting deeper than three levels', () => {
    expect(CriteriaSchema.safeParse({ kind: 'total_xp', atLeast: 3, atleast: 4 }).success).toBe(false)
    const deep = (n: number): Criteria => (n === 0 ? xp(1) : { kind: n % 2 ? 'all' : 'any', of: [deep(n - 1), xp(2)] })
    expect(CriteriaSchema.safeParse(deep(3)).success).toBe(true)
    const tooDeep = CriteriaSchema.safeParse(deep(4))
    expect(tooDeep.error?.issues.map((i) => i.message)).toContain('nests "all"/"any" more than 3 levels deep')
  })

  it('parseCriteria reads a stored column, or answers null for one this code cannot read', () => {
    expect(parseCriteria({ kind: 'total_xp', atLeast: 10 })).toEqual(xp(10))
    expect(parseCriteria({ event: 'streak', atLeast: 21 })).toBeNull()
    expect(parseCriteria(null)).toBeNull()
  })

  it('topicsNamed lists the topic slugs of every part', () => {
    expect(
      topicsNamed({
        kind: 'any',
        of: [
          { kind: 'topic_level', topic: 'fractions', atLeast: 2 },
          {
            kind: 'all',
            of: [
              { kind: 'topic_level', atLeast: 3 },
              { kind: 'topic_level', topic: 'algorithms', atLeast: 2 },
            ],
          },
        ],
      }),
    ).toEqual(['fractions', 'algorithms'])
  })
})

describe('progress labels and percentages', () => {
  it.each<[Criteria, { current: number; target: number }, string]>([
    [xp(500), { current: 120, target: 500 }, '120 / 500 XP'],
    [{ kind: 'topic_level', topic: 'fractions', atLeast: 3 }, { current: 2, target: 3 }, 'level 2 / 3 in fractions'],
    [{ kind: 'topic_level', atLeast: 3 }, { current: 1, target: 3 }, 'level 1 / 3 in your best topic'],
    [{ kind: 'topics_at_level', level: 2, atLeast: 4 }, { current: 1, target: 4 }, '1 / 4 topics at level 2'],
    [{ kind: 'streak', streak: 'daily', atLeast: 7 }, { current: 3, target: 7 }, '3 / 7 days in a row'],
    [{ kind: 'streak', streak: 'weekly', atLeast: 4 }, { current: 1, target: 4 }, '1 / 4 weeks in a row'],
    [{ kind: 'streak', streak: 'monthly', atLeast: 3 }, { current: 0, target: 3 }, '0 / 3 months in a row'],
    [{ kind: 'reviews_done', atLeast: 50 }, { current: 5, target: 50 }, '5 / 50 reviews'],
    [{ kind: 'quests_completed', atLeast: 5 }, { current: 2, target: 5 }, '2 / 5 quests'],
    [
      { kind: 'concepts_mastered', atLeast: 3, mastery: 'proficient' },
      { current: 1, target: 3 },
      '1 / 3 concepts proficient',
    ],
    [{ kind: 'all', of: [xp(1), xp(2)] }, { current: 40, target: 100 }, '40%'],
  ])('%j at %j reads "%s"', (criteria, progress, label) => {
    expect(progressLabel(criteria, progress)).toBe(label)
  })

  it('percentOf is floored, so 100 means met, and survives a zero target', () => {
    expect(percentOf({ current: 199, target: 200 })).toBe(99)
    expect(percentOf({ current: 200, target: 200 })).toBe(100)
    expect(percentOf({ current: 1, target: 3 })).toBe(33)
    expect(percentOf({ current: 0, target: 0 })).toBe(0)
  })
})
