import { describe, expect, it } from 'vitest'
import { type Unlocked, boardByStatus, moveNotice } from './quest-view'

type Moved = Parameters<typeof moveNotice>[0]

describe('the quest board and notices', () => {
  it('groups quests by status in board order, empty columns included', () => {
    const board = boardByStatus(
      [
        { id: 'a', status: 'active' as const },
        { id: 'b', status: 'completed' as const },
        { id: 'c', status: 'active' as const },
      ],
      ['draft', 'active', 'completed'],
    )
    expect(board.map((c) => [c.label, c.quests.map((q) => q.id)])).toEqual([
      ['Draft', []],
      ['Active', ['a', 'c']],
      ['Completed', ['b']],
    ])
  })

  it.each([
    [
      { status: 'completed', paid: { kind: 'plain', amount: 5, work: 0, breakdown: [] }, ticked: [] },
      [],
      'Quest completed: +5 XP.',
    ],
    [{ status: 'completed', paid: null, ticked: [] }, [], 'Quest completed again: its XP was paid the first time.'],
    [
      { status: 'in_progress', paid: null, ticked: [{ questId: 'q', questTitle: 'Q', stepTitle: 'Answer 5' }] },
      [],
      'Quest in progress. Learning step done: Answer 5.',
    ],
    [
      { status: 'completed', paid: { kind: 'learning', amount: 30, work: 20, breakdown: [] }, ticked: [] },
      [{ name: 'First quest', icon: '🏁', rarity: 'common' }],
      'Quest completed: +30 XP. Achievement unlocked: 🏁 First quest (common)!',
    ],
    [{ status: 'active', paid: null, ticked: [] }, [], 'Quest is now active.'],
  ] as [Moved, Unlocked[], string][])('%j', (result, unlocked, notice) => {
    expect(moveNotice(result, unlocked)).toBe(notice)
  })
})
