import { describe, expect, it } from 'vitest'
import {
  LEARNING_QUEST_DAILY_CAP,
  LEARNING_QUEST_MAX_XP,
  PLAIN_QUEST_DAILY_CAP,
  PLAIN_QUEST_XP,
  type QuestXpInput,
  goalWork,
  questXp,
} from './quest-xp'
import type { StoredGoal } from './step-goal'

const answers = (count: number): StoredGoal => ({ kind: 'answer_tasks', topicId: 't', count })
const level = (to: number, baseline?: number): StoredGoal => ({
  kind: 'topic_level',
  topicId: 't',
  level: to,
  baseline,
})
const concept = (baseline?: number): StoredGoal => ({
  kind: 'concept_mastery',
  concept: 'c',
  mastery: 'proficient',
  baseline,
})
const reviews: StoredGoal = { kind: 'clear_reviews' }
const none = { plain: 0, learning: 0 }

describe('work points of a learning step', () => {
  it.each([
    ['5 answers', answers(5), 10],
    ['50 answers', answers(50), 100],
    ['level 4 from level 1', level(4, 1), 30],
    ['level 3 already reached (baseline 5)', level(3, 5), 0],
    ['level without a baseline', level(3), 0],
    ['a concept from mastery 40', concept(40), 15],
    ['a concept already proficient (80)', concept(80), 0],
    ['a concept without a baseline', concept(), 0],
    ['clearing reviews', reviews, 5],
  ] as const)('%s: %i', (_label, goal, work) => {
    expect(goalWork(goal)).toBe(work)
  })
})

describe('quest XP', () => {
  const quest = (over: Partial<QuestXpInput>): QuestXpInput => ({
    difficulty: 'medium',
    goalSteps: [],
    paidToday: none,
    ...over,
  })

  it.each([
    // plain quests: a fixed amount whatever the difficulty, with a daily cap
    ['plain, easy', quest({ difficulty: 'easy' }), 'plain', PLAIN_QUEST_XP],
    ['plain, epic', quest({ difficulty: 'epic' }), 'plain', PLAIN_QUEST_XP],
    ['plain, 10 XP paid today', quest({ paidToday: { plain: 10, learning: 0 } }), 'plain', 5],
    ['plain, 12 XP paid today', quest({ paidToday: { plain: 12, learning: 0 } }), 'plain', 3],
    ['plain, cap reached', quest({ paidToday: { plain: PLAIN_QUEST_DAILY_CAP, learning: 0 } }), 'plain', 0],
    ['plain, learning XP does not count', quest({ paidToday: { plain: 0, learning: 300 } }), 'plain', 5],
    // learning quests: work × difficulty
    [
      '5 answers, easy',
      quest({ difficulty: 'easy', goalSteps: [{ goal: answers(5), completed: true }] }),
      'learning',
      10,
    ],
    ['5 answers, medium', quest({ goalSteps: [{ goal: answers(5), completed: true }] }), 'learning', 15],
    [
      '5 answers, hard',
      quest({ difficulty: 'hard', goalSteps: [{ goal: answers(5), completed: true }] }),
      'learning',
      20,
    ],
    [
      '5 answers, epic',
      quest({ difficulty: 'epic', goalSteps: [{ goal: answers(5), completed: true }] }),
      'learning',
      30,
    ],
    ['an unticked step counts nothing', quest({ goalSteps: [{ goal: answers(5), completed: false }] }), 'learning', 0],
    [
      'two steps, hard',
      quest({
        difficulty: 'hard',
        goalSteps: [
          { goal: answers(10), completed: true },
          { goal: level(3, 1), completed: true },
        ],
      }),
      'learning',
      80,
    ],
    [
      'capped per quest',
      quest({ difficulty: 'epic', goalSteps: [{ goal: answers(50), completed: true }] }),
      'learning',
      LEARNING_QUEST_MAX_XP,
    ],
    [
      'capped per day',
      quest({ goalSteps: [{ goal: answers(10), completed: true }], paidToday: { plain: 0, learning: 290 } }),
      'learning',
      LEARNING_QUEST_DAILY_CAP - 290,
    ],
    [
      'docs/quests.md example 3: level 1 → 4 plus clearing reviews, medium',
      quest({
        goalSteps: [
          { goal: level(4, 1), completed: true },
          { goal: reviews, completed: true },
        ],
      }),
      'learning',
      53,
    ],
    [
      'a level already reached pays nothing',
      quest({ difficulty: 'epic', goalSteps: [{ goal: level(2, 4), completed: true }] }),
      'learning',
      0,
    ],
  ] as const)('%s', (_label, input, kind, amount) => {
    const xp = questXp(input)
    expect(xp.kind).toBe(kind)
    expect(xp.amount).toBe(amount)
    expect(xp.breakdown.length).toBeGreaterThan(0)
  })
})
