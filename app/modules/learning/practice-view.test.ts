import { describe, expect, it } from 'vitest'
import { answerInWords, dueSinceText, feedbackView, reviewDayText } from './practice-view'
import type { SubmissionResult } from './submission.server'

describe('when a review comes back', () => {
  it.each([
    ['2026-03-01', 'now'],
    ['2026-03-02', 'later today'],
    ['2026-03-03', 'tomorrow'],
    ['2026-03-04', 'in 2 days (Wed 4 Mar)'],
    ['2026-04-01', 'in 30 days (Wed 1 Apr)'],
  ])('%s seen on 2026-03-02: %s', (dayKey, text) => {
    expect(reviewDayText(dayKey, '2026-03-02')).toBe(text)
  })
})

describe('how long a review has waited', () => {
  it.each([
    ['2026-03-03', 'today'],
    ['2026-03-02', 'today'],
    ['2026-03-01', 'yesterday'],
    ['2026-02-27', '3 days ago'],
  ])('due %s, today 2026-03-02: %s', (dueDay, text) => {
    expect(dueSinceText(dueDay, '2026-03-02')).toBe(text)
  })
})

describe('the learner’s answer in words', () => {
  const choice = { kind: 'multiple_choice' as const, choices: ['Two', 'Three', 'Four'] }
  it.each([
    [choice, '2', 'Four'],
    [choice, '2,0', 'Two; Four'],
    [choice, '7', 'option 8'],
    [choice, 'abc', 'abc'],
    [{ kind: 'numeric' as const, choices: null }, ' 3,5 ', '3,5'],
    [{ kind: 'short_text' as const, choices: null }, 'one half', 'one half'],
  ])('%j answered %j reads %j', (task, answer, words) => {
    expect(answerInWords(task, answer)).toBe(words)
  })
})

describe('the feedback', () => {
  it('carries the result, the task prompt and mastery labels', () => {
    const result: SubmissionResult = {
      attemptId: 'A',
      replayed: false,
      taskId: 't',
      isCorrect: true,
      correctAnswer: 'Four',
      explanation: 'Because.',
      source: null,
      xp: { earned: 10, multiplier: 1, breakdown: [{ label: 'Earned', value: '10 XP' }] },
      topic: { slug: 's', title: 'S', currentXp: 10, level: 1, leveledUp: false },
      nextReview: { dayKey: '2026-03-03', due: '2026-03-03T09:00:00.000Z' },
      reviewCount: 0,
      masteryLevel: 40,
      masteries: [{ concept: 'c.one', mastery: 40, level: 'attempted' }],
      xpToday: 10,
      goalReachedToday: true,
    }
    const task = {
      id: 't',
      kind: 'multiple_choice' as const,
      prompt: 'Legs?',
      choices: ['Two', 'Four'],
      multipleAnswers: false,
      difficulty: 'easy' as const,
      hintCount: 0,
      concepts: [],
    }
    expect(feedbackView(result, task, '1', '2026-03-02')).toEqual({
      taskId: 't',
      replayed: false,
      isCorrect: true,
      prompt: 'Legs?',
      yourAnswer: 'Four',
      correctAnswer: 'Four',
      explanation: 'Because.',
      source: null,
      xp: { earned: 10, breakdown: [{ label: 'Earned', value: '10 XP' }] },
      topic: { slug: 's', title: 'S', currentXp: 10, level: 1, leveledUp: false },
      nextReview: 'tomorrow',
      masteries: [{ concept: 'c.one', label: 'One', mastery: 40, levelLabel: 'Attempted' }],
      xpToday: 10,
      goalReachedToday: true,
    })
  })
})
