import { describe, expect, it } from 'vitest'
import { CHART, type ProgressRow, chartGeometry, conceptHistories, evidenceOf } from './mastery-history-view'

const at = (iso: string) => new Date(iso)
const row = (over: Partial<ProgressRow>): ProgressRow => ({
  id: 'p1',
  concept: 'fractions.add',
  masteryLevel: 40,
  evidence: null,
  createdAt: at('2026-12-01T10:00:00Z'),
  attempt: null,
  tutorMessage: null,
  ...over,
})
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

describe('evidenceOf', () => {
  it.each([
    [
      { attempt: { isCorrect: true, hintUsed: false, taskPrompt: 'Q', practiceHref: '/p' } },
      'attempt',
      'Answered “Q”: right',
    ],
    [
      { attempt: { isCorrect: true, hintUsed: true, taskPrompt: 'Q', practiceHref: '/p' } },
      'attempt',
      'Answered “Q”: right with a hint',
    ],
    [
      { attempt: { isCorrect: false, hintUsed: false, taskPrompt: 'Q', practiceHref: '/p' } },
      'attempt',
      'Answered “Q”: wrong',
    ],
    [{ tutorMessage: { href: '/tutor/s#sources-m' } }, 'tutor', 'Made a review card from a tutor answer'],
    [{ evidence: 'attempt 01X: wrong' }, 'note', 'attempt 01X: wrong'],
    [{}, 'note', 'No evidence recorded'],
  ] as const)('%j is %s evidence', (over, kind, text) => {
    expect(evidenceOf(row(over))).toMatchObject({ kind, text })
  })
})

describe('conceptHistories', () => {
  it('orders points by time, adds today when the score faded, puts gaps first and labels documents by title', () => {
    const rows = [
      row({ id: 'b', masteryLevel: 90, createdAt: at('2026-12-03T10:00:00Z') }),
      row({ id: 'a', masteryLevel: 40 }),
      row({ id: 'c', concept: 'doc:D1', masteryLevel: 0, tutorMessage: { href: '/t' } }),
    ]
    const histories = conceptHistories(
      rows,
      [
        { concept: 'fractions.add', mastery: 85, level: 'proficient' },
        { concept: 'doc:D1', mastery: 0, level: 'not_started' },
      ],
      { now: at('2026-12-07T10:00:00Z'), gaps: ['doc:D1'], labels: new Map([['doc:D1', 'Cell biology']]), dayOf },
    )
    expect(histories.map((h) => [h.label, h.isGap])).toEqual([
      ['Cell biology', true],
      ['Add', false],
    ])
    expect(histories[1]!.points.map((p) => [p.day, p.mastery, p.evidence.kind])).toEqual([
      ['2026-12-01', 40, 'note'],
      ['2026-12-03', 90, 'note'],
      ['2026-12-07', 85, 'note'],
    ])
  })

  it('a concept below Proficient with evidence is a gap even when the profile does not list it', () => {
    const [h] = conceptHistories(
      [row({ masteryLevel: 79 })],
      [{ concept: 'fractions.add', mastery: 79, level: 'familiar' }],
      {
        now: at('2026-12-07T10:00:00Z'),
        gaps: [],
        labels: new Map(),
        dayOf,
      },
    )
    expect(h).toMatchObject({ isGap: true, points: [{ mastery: 79 }] })
  })
})

describe('chartGeometry', () => {
  const { margin, width, height } = CHART
  const point = (iso: string, mastery: number) => ({
    at: iso,
    day: iso.slice(0, 10),
    mastery,
    evidence: { kind: 'note' as const, text: '' },
  })
  it('draws a step line from the first point to the end, 0 at the bottom and 100 at the top', () => {
    const g = chartGeometry(
      [point('2026-12-01T00:00:00Z', 0), point('2026-12-02T00:00:00Z', 100)],
      at('2026-12-03T00:00:00Z'),
    )
    const mid = margin.left + (width - margin.left - margin.right) / 2
    expect(g.dots).toEqual([
      { x: margin.left, y: height - margin.bottom },
      { x: mid, y: margin.top },
    ])
    expect(g.line).toBe(
      `${margin.left},${height - margin.bottom} ${mid},${height - margin.bottom} ${mid},${margin.top} ${width - margin.right},${margin.top}`,
    )
  })
  it('has no line without points', () => {
    expect(chartGeometry([], at('2026-12-03T00:00:00Z'))).toMatchObject({ dots: [], line: '' })
  })
})
