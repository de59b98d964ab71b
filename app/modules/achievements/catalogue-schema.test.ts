import { describe, expect, it } from 'vitest'
import type { FieldIssue, Validation } from '~/modules/content/content-schema'
import { validateCatalogueFile } from './catalogue-schema'

function issues<T>(result: Validation<T>): FieldIssue[] {
  return result.ok ? [] : result.issues
}

const entry = {
  key: 'xp-100',
  name: 'Century',
  description: 'Earn 100 XP.',
  rarity: 'rare',
  icon: '💯',
  xpReward: 25,
  criteria: { kind: 'total_xp', atLeast: 100 },
}
const file = (...achievements: unknown[]) => ({ category: 'xp', achievements })

describe('achievements catalogue files', () => {
  it('accepts a good file and fills the defaults', () => {
    const result = validateCatalogueFile(
      file(entry, {
        key: 'winter',
        name: 'Winter',
        description: 'Practise in December.',
        hidden: true,
        season: { start: '12-01', end: '12-31' },
        criteria: { kind: 'total_xp', atLeast: 1 },
      }),
      'xp',
    )
    expect(result).toEqual({
      ok: true,
      value: [
        {
          key: 'xp-100',
          name: 'Century',
          description: 'Earn 100 XP.',
          category: 'xp',
          rarity: 'rare',
          icon: '💯',
          xpReward: 25,
          isHidden: false,
          season: null,
          criteria: { kind: 'total_xp', atLeast: 100 },
        },
        {
          key: 'winter',
          name: 'Winter',
          description: 'Practise in December.',
          category: 'xp',
          rarity: 'common',
          icon: null,
          xpReward: 0,
          isHidden: true,
          season: { start: '12-01', end: '12-31' },
          criteria: { kind: 'total_xp', atLeast: 1 },
        },
      ],
    })
  })

  it.each<[string, unknown, string, string]>([
    ['not an object', [], '', 'must be an object { "category": …, "achievements": [ … ] }'],
    ['no achievements', { category: 'xp', achievements: [] }, 'achievements', 'must contain at least one achievement'],
    [
      'category is not the file name',
      { ...file(entry), category: 'streaks' },
      'category',
      'must match the file name "xp.json" (found "streaks")',
    ],
    [
      'a key that is no slug',
      file({ ...entry, key: 'XP 100' }),
      'achievements[0].key',
      'must be lower-case letters, digits and single dashes, e.g. "streak-7"',
    ],
    ['a repeated key', file(entry, { ...entry, name: 'Again' }), 'achievements[1].key', 'repeats achievements[0]'],
    ['a name missing', file({ ...entry, name: undefined }), 'achievements[0].name', 'is required'],
    ['a blank description', file({ ...entry, description: '  ' }), 'achievements[0].description', 'must not be empty'],
    [
      'an unknown rarity',
      file({ ...entry, rarity: 'mythic' }),
      'achievements[0].rarity',
      'must be "common", "rare", "epic" or "legendary"',
    ],
    ['a negative reward', file({ ...entry, xpReward: -5 }), 'achievements[0].xpReward', 'must be at least 0'],
    ['a huge reward', file({ ...entry, xpReward: 5000 }), 'achievements[0].xpReward', 'must be at most 1000'],
    ['hidden as text', file({ ...entry, hidden: 'yes' }), 'achievements[0].hidden', 'must be true or false'],
    [
      'a misspelt field',
      file({ ...entry, xpReword: 5 }),
      'achievements[0].xpReword',
      'is not a known field (check the spelling)',
    ],
    [
      'bad criteria, deep inside',
      file({
        ...entry,
        criteria: {
          kind: 'all',
          of: [
            { kind: 'total_xp', atLeast: 1 },
            { kind: 'streak', streak: 'hourly', atLeast: 2 },
          ],
        },
      }),
      'achievements[0].criteria.of[1].streak',
      'must be "daily", "weekly" or "monthly"',
    ],
    [
      'criteria missing',
      file({ ...entry, criteria: undefined }),
      'achievements[0].criteria',
      'kind must be one of "total_xp", "topic_level", "topics_at_level", "streak", "reviews_done", "quests_completed", "concepts_mastered", "all", "any", "challenge_rank"',
    ],
    [
      'a season of mixed forms',
      file({ ...entry, season: { start: '12-01', end: '2027-01-01' } }),
      'achievements[0].season',
      'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)',
    ],
    [
      'a once-only season backwards',
      file({ ...entry, season: { start: '2027-03-07', end: '2027-03-01' } }),
      'achievements[0].season',
      'end must not be before start',
    ],
    [
      'a season without its end',
      file({ ...entry, season: { start: '12-01' } }),
      'achievements[0].season.end',
      'is required',
    ],
  ])('refuses %s, naming the field', (_name, json, path, message) => {
    expect(issues(validateCatalogueFile(json, 'xp'))).toContainEqual({ path, message })
  })

  it('reports every problem of a file at once', () => {
    const found = issues(
      validateCatalogueFile(file({ ...entry, rarity: 'x' }, { ...entry, key: 'b', xpReward: 1.5 }), 'xp'),
    )
    expect(found.map((i) => i.path)).toEqual(['achievements[0].rarity', 'achievements[1].xpReward'])
  })
})
