import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { MasteryLevel } from '~/generated/prisma/client'
import {
  CODE_PATTERN,
  assessMastery,
  base32,
  buildEvidence,
  levelAtLeast,
  parseEvidence,
  parseRequirements,
  recallLabel,
  requiredConcepts,
  shortfall,
} from './certificate-rules'

describe('levelAtLeast', () => {
  it.each([
    ['mastered', 'proficient', true],
    ['proficient', 'proficient', true],
    ['familiar', 'proficient', false],
    ['attempted', 'familiar', false],
    ['not_started', 'familiar', false],
    ['mastered', 'mastered', true],
    ['proficient', 'mastered', false],
  ] as const)('%s meets %s: %s', (level, required, meets) => {
    expect(levelAtLeast(level, required)).toBe(meets)
  })
})

describe('requiredConcepts', () => {
  const topics = new Map([
    ['fractions', ['fractions.add', 'fractions.equivalent']],
    ['decimals', ['decimals.round']],
  ])
  it.each([
    [{ topics: ['fractions'], concepts: [] }, ['fractions.add', 'fractions.equivalent']],
    [{ topics: [], concepts: ['b.x', 'a.y'] }, ['a.y', 'b.x']],
    [
      { topics: ['fractions'], concepts: ['fractions.add', 'decimals.round'] },
      ['decimals.round', 'fractions.add', 'fractions.equivalent'],
    ],
    [{ topics: ['unknown'], concepts: [] }, []],
  ])('%j → %j', (requirements, expected) => {
    expect(requiredConcepts(requirements, topics)).toEqual(expected)
  })

  it('reads a malformed stored object as requiring nothing', () => {
    expect(parseRequirements('nonsense')).toEqual({ topics: [], concepts: [] })
    expect(parseRequirements({ topics: ['a'] })).toEqual({ topics: ['a'], concepts: [] })
  })
})

describe('assessMastery', () => {
  const m = (entries: Array<[string, number, MasteryLevel]>) =>
    new Map(entries.map(([concept, mastery, level]) => [concept, { mastery, level }]))

  it.each([
    [
      'every concept at the level',
      ['a', 'b'],
      m([
        ['a', 85, 'proficient'],
        ['b', 100, 'mastered'],
      ]),
      'proficient',
      true,
    ],
    [
      'one concept below',
      ['a', 'b'],
      m([
        ['a', 85, 'proficient'],
        ['b', 60, 'familiar'],
      ]),
      'proficient',
      false,
    ],
    ['a concept never practised', ['a', 'b'], m([['a', 100, 'mastered']]), 'familiar', false],
    ['mastered required, proficient held', ['a'], m([['a', 99, 'proficient']]), 'mastered', false],
    ['no concept required', [], m([]), 'familiar', false],
  ] as const)('%s → %s', (_label, required, masteries, level, meets) => {
    expect(assessMastery(required, masteries, level).meets).toBe(meets)
  })

  it('lists each concept with its mastery, and says what falls short', () => {
    const a = assessMastery(['a', 'b'], m([['a', 60, 'familiar']]), 'proficient')
    expect(a.concepts).toEqual([
      { concept: 'a', mastery: 60, level: 'familiar', meets: false },
      { concept: 'b', mastery: 0, level: 'not_started', meets: false },
    ])
    expect(shortfall(a, 'proficient')).toBe('Not met yet: a is Familiar, b is Not started; each needs Proficient.')
  })
})

describe('evidence', () => {
  it('averages the recall of the concept’s cards and keeps the dates and attempts', () => {
    const evidence = buildEvidence({
      assessedAt: new Date('2026-05-01T10:00:00Z'),
      requiredLevel: 'proficient',
      concepts: [
        {
          concept: 'fractions.add',
          mastery: 92,
          level: 'proficient',
          recalls: [0.9, 0.95, 0.8],
          attempts: 7,
          firstAttemptAt: new Date('2026-04-01T08:00:00Z'),
          lastAttemptAt: new Date('2026-04-30T18:00:00Z'),
        },
        {
          concept: 'x',
          mastery: 0,
          level: 'not_started',
          recalls: [],
          attempts: 0,
          firstAttemptAt: null,
          lastAttemptAt: null,
        },
      ],
    })
    expect(evidence).toEqual({
      version: 1,
      assessedAt: '2026-05-01T10:00:00.000Z',
      requiredLevel: 'proficient',
      concepts: [
        {
          concept: 'fractions.add',
          mastery: 92,
          level: 'proficient',
          recall: 0.883,
          attempts: 7,
          firstAttemptAt: '2026-04-01T08:00:00.000Z',
          lastAttemptAt: '2026-04-30T18:00:00.000Z',
        },
        {
          concept: 'x',
          mastery: 0,
          level: 'not_started',
          recall: null,
          attempts: 0,
          firstAttemptAt: null,
          lastAttemptAt: null,
        },
      ],
    })
    expect(parseEvidence(JSON.parse(JSON.stringify(evidence)))).toEqual(evidence)
    expect(parseEvidence({ version: 2 })).toBeNull()
    expect(recallLabel(0.883)).toBe('88 %')
    expect(recallLabel(null)).toBe('—')
  })
})

describe('the public code', () => {
  it.each([
    [[], ''],
    [[0x66], 'my'],
    [[0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72], 'mzxw6ytboi'], // RFC 4648: "foobar" → MZXW6YTBOI
  ])('base32 of %j is %s', (bytes, text) => {
    expect(base32(Uint8Array.from(bytes))).toBe(text)
  })

  it('is 128 random bits in 26 base32 characters', () => {
    const codes = new Set(Array.from({ length: 200 }, () => base32(randomBytes(16))))
    expect(codes.size).toBe(200)
    for (const code of codes) expect(code).toMatch(CODE_PATTERN)
  })
})
