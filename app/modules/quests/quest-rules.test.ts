import { describe, expect, it } from 'vitest'
import type { QuestStatus } from '~/generated/prisma/client'
import {
  type Edge,
  type QuestMove,
  completionRate,
  cycleRefusal,
  dependencyCycle,
  editRefusal,
  moveRefusal,
  movesFrom,
  readClock,
  spentMinutes,
  startClock,
  startRefusal,
  stopClock,
  tickRefusal,
} from './quest-rules'

const STATUSES: QuestStatus[] = ['draft', 'active', 'in_progress', 'completed', 'archived']
const MOVES: QuestMove[] = ['activate', 'start', 'complete', 'reopen', 'archive']

/** Every (status, move) pair: the legal ones and nothing else. */
const LEGAL: Record<QuestStatus, QuestMove[]> = {
  draft: ['activate', 'archive'],
  active: ['start', 'archive'],
  in_progress: ['complete', 'archive'],
  completed: ['reopen', 'archive'],
  archived: [],
}

describe('the status machine', () => {
  it.each(STATUSES.flatMap((status) => MOVES.map((move) => [status, move, LEGAL[status].includes(move)] as const)))(
    '%s → %s is legal: %s',
    (status, move, legal) => {
      const refusal = moveRefusal(status, move)
      if (legal) expect(refusal).toBeNull()
      else expect(refusal).toEqual(expect.any(String))
    },
  )

  it.each(STATUSES)('offers exactly the legal moves from %s', (status) => {
    expect(movesFrom(status)).toEqual(LEGAL[status])
  })

  it.each([
    ['archived', 'start', 'This quest is archived: it can no longer change.'],
    ['completed', 'complete', 'This quest is already completed.'],
    ['draft', 'start', 'A quest that is draft cannot be moved that way: "Start" needs a quest that is active.'],
  ] as const)('explains a refused move (%s, %s)', (status, move, message) => {
    expect(moveRefusal(status, move)).toBe(message)
  })

  it.each([
    ['draft', null],
    ['active', null],
    ['in_progress', null],
    ['completed', 'This quest is completed: reopen it to change it.'],
    ['archived', 'This quest is archived: it can no longer change.'],
  ] as const)('editing a %s quest: %s', (status, refusal) => {
    expect(editRefusal(status)).toBe(refusal)
  })

  it.each([
    ['in_progress', false, null],
    ['active', false, 'Start the quest to tick its steps.'],
    ['completed', false, 'Start the quest to tick its steps.'],
    ['in_progress', true, 'This is a learning step: it ticks itself when you have done the learning.'],
  ] as const)('ticking by hand in a %s quest (learning step: %s): %s', (status, hasGoal, refusal) => {
    expect(tickRefusal(status, { hasGoal })).toBe(refusal)
  })
})

describe('starting with prerequisites', () => {
  it.each([
    [[], null],
    [[{ title: 'A', type: 'sequential', status: 'completed' }], null],
    [[{ title: 'A', type: 'resource', status: 'active' }], null],
    [[{ title: 'A', type: 'time', status: 'draft' }], null],
    [[{ title: 'A', type: 'sequential', status: 'in_progress' }], 'This quest needs this quest completed first: "A".'],
    [
      [
        { title: 'A', type: 'sequential', status: 'archived' },
        { title: 'B', type: 'sequential', status: 'active' },
        { title: 'C', type: 'sequential', status: 'completed' },
      ],
      'This quest needs these quests completed first: "A", "B".',
    ],
  ] as const)('%j → %s', (prerequisites, refusal) => {
    expect(startRefusal(prerequisites)).toBe(refusal)
  })
})

describe('dependency loops', () => {
  const e = (dependent: string, prerequisite: string): Edge => ({ dependent, prerequisite })
  const titles: Record<string, string> = { A: 'Alpha', B: 'Beta', C: 'Gamma', D: 'Delta' }

  it.each([
    ['no edges', [], e('A', 'B'), null],
    ['a chain the other way', [e('A', 'B'), e('B', 'C')], e('A', 'C'), null],
    ['a diamond', [e('A', 'B'), e('A', 'C'), e('B', 'D'), e('C', 'D')], e('A', 'D'), null],
    ['itself', [], e('A', 'A'), ['A', 'A']],
    ['two quests', [e('B', 'A')], e('A', 'B'), ['A', 'B', 'A']],
    ['three quests', [e('B', 'C'), e('C', 'A')], e('A', 'B'), ['A', 'B', 'C', 'A']],
    ['a loop through a branch', [e('B', 'D'), e('B', 'C'), e('C', 'A')], e('A', 'B'), ['A', 'B', 'C', 'A']],
  ] as const)('%s', (_label, edges, edge, cycle) => {
    expect(dependencyCycle(edges, edge)).toEqual(cycle)
  })

  it('names the loop with the quest titles', () => {
    const cycle = dependencyCycle([e('B', 'C'), e('C', 'A')], e('A', 'B'))!
    expect(cycleRefusal(cycle, (id) => titles[id]!)).toBe(
      'This would make a loop of quests that wait for each other: Alpha → Beta → Gamma → Alpha.',
    )
    expect(cycleRefusal(['A', 'A'], (id) => titles[id]!)).toBe('A quest cannot depend on itself.')
  })
})

describe('the clock of time in progress', () => {
  const t = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 10, minutes))

  it('adds up the time of every run, in whole minutes rounded up', () => {
    let clock = readClock(null)
    expect(clock).toEqual({ spentMs: 0, inProgressSince: null })
    clock = startClock(clock, t(0))
    expect(startClock(clock, t(5))).toBe(clock)
    clock = stopClock(clock, t(10))
    expect(clock).toEqual({ spentMs: 600_000, inProgressSince: null })
    expect(stopClock(clock, t(20))).toBe(clock)
    clock = stopClock(startClock(clock, t(30)), new Date(t(30).getTime() + 1000))
    expect(spentMinutes(clock)).toBe(11)
    expect(readClock(JSON.parse(JSON.stringify(clock)))).toEqual(clock)
  })

  it('reads a damaged clock as a stopped one', () => {
    expect(readClock({ spentMs: -5, inProgressSince: 'yesterday' })).toEqual({ spentMs: 0, inProgressSince: null })
  })

  it.each([
    [0, 0, 100],
    [1, 3, 33.33],
    [2, 3, 66.67],
    [3, 3, 100],
  ])('completion rate of %i of %i steps: %f', (done, total, rate) => {
    expect(completionRate(done, total)).toBe(rate)
  })
})
