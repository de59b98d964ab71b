import { describe, expect, it } from 'vitest'
import {
  answersCountedToday,
  conceptLabel,
  dailyXpSeries,
  groupConceptsByTopic,
  reviewsOfferedToday,
  seriesSummary,
  streakViews,
} from './progress-view'

describe('answersCountedToday', () => {
  it.each([
    [null, 0],
    [{ dailyTasksCount: 4, dailyTasksDate: '2026-03-10' }, 4],
    [{ dailyTasksCount: 4, dailyTasksDate: '2026-03-09' }, 0],
    [{ dailyTasksCount: 4, dailyTasksDate: null }, 0],
  ])('%j → %i', (row, n) => {
    expect(answersCountedToday(row, '2026-03-10')).toBe(n)
  })
})

describe('reviewsOfferedToday', () => {
  it.each([
    [0, 0, 50, 0],
    [10, 0, 50, 10],
    [50, 0, 50, 50],
    [51, 0, 50, 50],
    [60, 45, 50, 5],
    [60, 49, 50, 1],
    [60, 50, 50, 0],
    [60, 70, 50, 0],
    [3, 48, 50, 2],
  ])('%i due, %i reviewed, cap %i → %i', (due, reviewed, cap, offered) => {
    expect(reviewsOfferedToday(due, reviewed, cap)).toBe(offered)
  })

  it('uses the default cap of 50', () => {
    expect(reviewsOfferedToday(80, 0)).toBe(50)
  })
})

describe('dailyXpSeries and seriesSummary', () => {
  const days = ['2026-03-08', '2026-03-09', '2026-03-10']

  it('fills days without XP with 0 and ignores days outside the range', () => {
    expect(
      dailyXpSeries(days, [
        { dayKey: '2026-03-10', xp: 7 },
        { dayKey: '2026-03-08', xp: 3 },
        { dayKey: '2026-03-01', xp: 50 },
      ]),
    ).toEqual([
      { day: '2026-03-08', xp: 3 },
      { day: '2026-03-09', xp: 0 },
      { day: '2026-03-10', xp: 7 },
    ])
  })

  it.each([
    [[0, 0, 0], 10, { total: 0, activeDays: 0, goalDays: 0, best: null }],
    [[9, 10, 11], 10, { total: 30, activeDays: 3, goalDays: 2, best: { day: '2026-03-10', xp: 11 } }],
    [[12, 0, 12], 10, { total: 24, activeDays: 2, goalDays: 2, best: { day: '2026-03-08', xp: 12 } }],
  ])('%j with goal %i', (values, goal, summary) => {
    const series = days.map((day, i) => ({ day, xp: values[i]! }))
    expect(seriesSummary(series, goal)).toEqual(summary)
  })
})

describe('labels', () => {
  it.each([
    ['fractions.add-subtract', 'Add subtract'],
    ['binary-numbers.to-decimal', 'To decimal'],
    ['c.one', 'One'],
    ['plain', 'Plain'],
  ])('conceptLabel(%s) = %s', (key, label) => {
    expect(conceptLabel(key)).toBe(label)
  })
})

describe('groupConceptsByTopic', () => {
  const topics = [
    { id: 't2', slug: 'second', title: 'Second', subjectSlug: 's' },
    { id: 't1', slug: 'first', title: 'First', subjectSlug: 's' },
  ]

  it('follows the order of the topics, sorts concepts by key, and puts unknown topics last', () => {
    const groups = groupConceptsByTopic(
      [
        { concept: 'b.two', topicId: 't1', mastery: 90, level: 'proficient' },
        { concept: 'a.one', topicId: 't1', mastery: 10, level: 'attempted' },
        { concept: 'z.last', topicId: 't2', mastery: 100, level: 'mastered' },
        { concept: 'x.gone', topicId: 'retired', mastery: 60, level: 'familiar' },
        { concept: 'y.none', topicId: null, mastery: 55, level: 'familiar' },
      ],
      topics,
    )
    expect(groups.map((g) => [g.topic?.slug ?? null, g.concepts.map((c) => `${c.concept}:${c.levelLabel}`)])).toEqual([
      ['second', ['z.last:Mastered']],
      ['first', ['a.one:Attempted', 'b.two:Proficient']],
      [null, ['x.gone:Familiar', 'y.none:Familiar']],
    ])
    expect(groups[1]!.concepts[0]).toEqual({
      concept: 'a.one',
      label: 'One',
      mastery: 10,
      level: 'attempted',
      levelLabel: 'Attempted',
    })
  })

  it('has no group for a topic without concepts, and nothing for no concepts', () => {
    expect(groupConceptsByTopic([], topics)).toEqual([])
  })
})

describe('streakViews', () => {
  const row = (type: 'daily' | 'weekly' | 'monthly', lastActivityDate: string, freezesHeld = 0) => ({
    type,
    currentCount: 4,
    longestCount: 6,
    startDate: '2026-01-01',
    lastActivityDate,
    freezesHeld,
    isActive: true,
  })

  it('always lists daily, weekly and monthly, with an unstarted streak for a missing row', () => {
    expect(streakViews([], '2026-03-10').map((s) => [s.type, s.current, s.alive])).toEqual([
      ['daily', 0, false],
      ['weekly', 0, false],
      ['monthly', 0, false],
    ])
  })

  it('shows freezes for the daily streak only', () => {
    const views = streakViews([row('weekly', '2026-03-10', 2), row('daily', '2026-03-08', 1)], '2026-03-10')
    expect(views[0]).toEqual({
      type: 'daily',
      current: 4,
      longest: 6,
      alive: true,
      doneThisPeriod: false,
      freezesHeld: 1,
      freezesToBeUsed: 1,
    })
    expect(views[1]).toEqual({
      type: 'weekly',
      current: 4,
      longest: 6,
      alive: true,
      doneThisPeriod: true,
      freezesHeld: 0,
      freezesToBeUsed: 0,
    })
  })

  it('keeps the longest count of a broken streak', () => {
    expect(streakViews([row('daily', '2026-03-01')], '2026-03-10')[0]).toMatchObject({
      current: 0,
      longest: 6,
      alive: false,
    })
  })
})
