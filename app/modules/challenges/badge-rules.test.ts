import { describe, expect, it } from 'vitest'
import { badgesFor, longestRun } from './badge-rules'

describe('challenge badges', () => {
  it.each([
    { days: [], run: 0 },
    { days: ['2026-03-01'], run: 1 },
    { days: ['2026-03-01', '2026-03-02', '2026-03-04'], run: 2 },
    { days: ['2026-03-03', '2026-03-01', '2026-03-02', '2026-03-02'], run: 3 },
    // across a month end and a DST change (day keys are calendar days)
    { days: ['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01'], run: 5 },
  ])('longest run of $days → $run', ({ days, run }) => {
    expect(longestRun(days)).toBe(run)
  })

  const three = ['2026-03-01', '2026-03-02', '2026-03-03']
  it.each([
    { rank: 1, score: 50, activeDays: [], badges: ['challenge-winner', 'challenge-finisher'] },
    { rank: 2, score: 40, activeDays: three, badges: ['challenge-podium', 'challenge-finisher', 'challenge-streak'] },
    { rank: 3, score: 40, activeDays: [], badges: ['challenge-podium', 'challenge-finisher'] },
    { rank: 4, score: 30, activeDays: [], badges: ['challenge-top-10', 'challenge-finisher'] },
    { rank: 10, score: 1, activeDays: [], badges: ['challenge-top-10', 'challenge-finisher'] },
    { rank: 11, score: 1, activeDays: three, badges: ['challenge-finisher', 'challenge-streak'] },
    // nobody scored: rank 1 for everyone, and nothing to award
    { rank: 1, score: 0, activeDays: three, badges: [] },
  ])('rank $rank with score $score → $badges', ({ badges, ...standing }) => {
    expect(badgesFor(standing)).toEqual(badges)
  })
})
