import { describe, expect, it } from 'vitest'
import { type LearnerFacts, proposeSuggestions } from './suggestion-rules'

const now = new Date('2026-12-07T10:00:00Z')
const links = { review: '/reviews', practice: (slug: string) => `/practice/${slug}` }
const topic = (slug: string) => ({ slug, title: slug.toUpperCase(), subjectSlug: 's' })
const facts = (over: Partial<LearnerFacts>): LearnerFacts => ({
  dueByTopic: [],
  lowMastery: [],
  answersLast7Days: 3,
  ...over,
})

describe('proposeSuggestions', () => {
  it.each([
    { name: 'nothing to suggest', facts: facts({}), want: [] },
    {
      name: 'one due topic',
      facts: facts({ dueByTopic: [{ topic: topic('a'), due: 4 }] }),
      want: [{ type: 'review_now', target: 'a', href: '/reviews', confidence: 0.7 }],
    },
    {
      name: 'many due cards cap at 1',
      facts: facts({ dueByTopic: [{ topic: topic('a'), due: 40 }] }),
      want: [{ type: 'review_now', target: 'a', confidence: 1 }],
    },
    {
      name: 'topics with no due cards are skipped',
      facts: facts({ dueByTopic: [{ topic: topic('a'), due: 0 }] }),
      want: [],
    },
    {
      name: 'weakest gap wins next_topic',
      facts: facts({
        lowMastery: [
          { concept: 'x', label: 'X', mastery: 60, topic: topic('a') },
          { concept: 'y', label: 'Y', mastery: 20, topic: topic('b') },
        ],
      }),
      want: [{ type: 'next_topic', target: 'b', href: '/practice/b', confidence: 0.8 }],
    },
    {
      name: 'inactive learner: confidence × 0.8',
      facts: facts({ answersLast7Days: 0, lowMastery: [{ concept: 'y', label: 'Y', mastery: 50, topic: topic('b') }] }),
      want: [{ type: 'next_topic', target: 'b', confidence: 0.4 }],
    },
    {
      name: 'at most 3, by confidence',
      facts: facts({
        dueByTopic: [
          { topic: topic('a'), due: 1 },
          { topic: topic('b'), due: 9 },
          { topic: topic('c'), due: 2 },
        ],
        lowMastery: [{ concept: 'y', label: 'Y', mastery: 10, topic: topic('d') }],
      }),
      want: [
        { type: 'review_now', target: 'b', confidence: 0.95 },
        { type: 'next_topic', target: 'd', confidence: 0.9 },
        { type: 'review_now', target: 'c', confidence: 0.6 },
      ],
    },
  ])('$name', ({ facts, want }) => {
    const got = proposeSuggestions(facts, now, links)
    expect(got).toMatchObject(want)
    expect(got).toHaveLength(want.length)
    for (const s of got) expect(s.expiresAt).toEqual(new Date('2026-12-14T10:00:00Z'))
  })
})
