import { describe, expect, it } from 'vitest'
import { type GoalFacts, StepGoal, describeGoal, goalMet, storedGoal } from './step-goal'

const facts = (over: Partial<GoalFacts> = {}): GoalFacts => ({
  correctAnswersSince: 0,
  topicLevel: 1,
  conceptLevel: null,
  dueReviews: 0,
  reviewsSince: 0,
  ...over,
})

describe('a learning goal is met', () => {
  it.each([
    ['4 of 5 answers', { kind: 'answer_tasks', topicId: 't', count: 5 }, facts({ correctAnswersSince: 4 }), false],
    ['5 of 5 answers', { kind: 'answer_tasks', topicId: 't', count: 5 }, facts({ correctAnswersSince: 5 }), true],
    ['level 2 of 3', { kind: 'topic_level', topicId: 't', level: 3 }, facts({ topicLevel: 2 }), false],
    ['level 3 of 3', { kind: 'topic_level', topicId: 't', level: 3 }, facts({ topicLevel: 3 }), true],
    ['level 4 of 3', { kind: 'topic_level', topicId: 't', level: 3 }, facts({ topicLevel: 4 }), true],
    ['a concept never met', { kind: 'concept_mastery', concept: 'c', mastery: 'proficient' }, facts(), false],
    [
      'a familiar concept',
      { kind: 'concept_mastery', concept: 'c', mastery: 'proficient' },
      facts({ conceptLevel: 'familiar' }),
      false,
    ],
    [
      'a proficient concept',
      { kind: 'concept_mastery', concept: 'c', mastery: 'proficient' },
      facts({ conceptLevel: 'proficient' }),
      true,
    ],
    [
      'a mastered concept',
      { kind: 'concept_mastery', concept: 'c', mastery: 'proficient' },
      facts({ conceptLevel: 'mastered' }),
      true,
    ],
    ['an empty queue without a review', { kind: 'clear_reviews' }, facts(), false],
    ['a review done, one still due', { kind: 'clear_reviews' }, facts({ reviewsSince: 1, dueReviews: 1 }), false],
    ['a review done, none due', { kind: 'clear_reviews' }, facts({ reviewsSince: 1 }), true],
  ] as const)('%s: %s', (_label, goal, given, met) => {
    expect(goalMet(goal, given)).toBe(met)
  })
})

describe('the goal schema', () => {
  it('reads form strings and refuses what is out of range', () => {
    expect(StepGoal.parse({ kind: 'answer_tasks', topicId: 't1', count: '5' })).toEqual({
      kind: 'answer_tasks',
      topicId: 't1',
      count: 5,
    })
    expect(StepGoal.safeParse({ kind: 'answer_tasks', topicId: 't1', count: '0' }).success).toBe(false)
    expect(StepGoal.safeParse({ kind: 'answer_tasks', topicId: 't1', count: 51 }).success).toBe(false)
    expect(StepGoal.safeParse({ kind: 'topic_level', topicId: 't1', level: 1 }).success).toBe(false)
    expect(StepGoal.safeParse({ kind: 'concept_mastery', concept: 'c', mastery: 'mastered' }).success).toBe(false)
    expect(StepGoal.safeParse({ kind: 'concept_mastery', concept: 'has space', mastery: 'proficient' }).success).toBe(
      false,
    )
    expect(StepGoal.safeParse({ kind: 'farm_xp' }).success).toBe(false)
  })

  it('reads the stored column, its baseline too, and nothing it does not know', () => {
    expect(storedGoal(null)).toBeNull()
    expect(storedGoal('{"kind":"topic_level","topicId":"t","level":3,"baseline":1}')).toEqual({
      kind: 'topic_level',
      topicId: 't',
      level: 3,
      baseline: 1,
    })
    expect(storedGoal({ kind: 'clear_reviews' })).toEqual({ kind: 'clear_reviews' })
    expect(storedGoal({ type: 'correct_tasks' })).toBeNull()
    expect(storedGoal('not json')).toBeNull()
  })

  it('describes goals in words', () => {
    expect(describeGoal({ kind: 'answer_tasks', topicId: 't', count: 1 }, 'Fractions')).toBe(
      'Answer 1 task of Fractions correctly',
    )
    expect(describeGoal({ kind: 'topic_level', topicId: 't', level: 3 }, 'Fractions')).toBe(
      'Reach level 3 in Fractions',
    )
    expect(describeGoal({ kind: 'concept_mastery', concept: 'fractions.add', mastery: 'proficient' })).toBe(
      'Reach mastery Proficient in fractions.add',
    )
    expect(describeGoal({ kind: 'clear_reviews' })).toBe('Clear the review queue')
  })
})
