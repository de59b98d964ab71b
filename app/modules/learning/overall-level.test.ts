import { describe, expect, it } from 'vitest'
import { overallLevel, overallLevelStart } from './overall-level'

describe('overallLevel (docs/xp.md, "Overall level")', () => {
  it.each([
    [0, 1, 0, 100],
    [-25, 1, 0, 100],
    [99, 1, 0, 100],
    [100, 2, 100, 300],
    [299, 2, 100, 300],
    [300, 3, 300, 600],
    [599, 3, 300, 600],
    [600, 4, 600, 1000],
    [1000, 5, 1000, 1500],
    [1499, 5, 1000, 1500],
    [1500, 6, 1500, 2100],
    [4_945_500, 315, 4_945_500, 4_977_000],
    [4_945_499, 314, 4_914_100, 4_945_500],
  ])('%i XP → level %i (from %i, next at %i)', (xp, level, floor, next) => {
    expect(overallLevel(xp)).toMatchObject({ level, floor, next })
  })

  it.each([
    [0, 0],
    [50, 0.5],
    [200, 0.5],
    [299, 199 / 200],
  ])('%i XP is %d of the way to the next level', (xp, fraction) => {
    expect(overallLevel(xp).fraction).toBeCloseTo(fraction, 10)
  })

  it('agrees with overallLevelStart at every level edge up to 200', () => {
    for (let level = 1; level <= 200; level++) {
      const start = overallLevelStart(level)
      expect(overallLevel(start).level).toBe(level)
      if (start > 0) expect(overallLevel(start - 1).level).toBe(level - 1)
    }
  })

  it.each([0, -1, 1.5])('refuses level %d', (level) => {
    expect(() => overallLevelStart(level)).toThrow(RangeError)
  })
})
