import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadContent } from '~/modules/content/content-files.server'
import { CATALOGUE_ROOT, catalogueIssues, loadCatalogue, validEntries } from './catalogue-files.server'
import { CRITERIA_KINDS, topicsNamed, type Criteria } from './criteria'

/** The starter catalogue in content/achievements/ (issue 12: at least 25, across the kinds). */
describe('the starter catalogue', () => {
  it('validates, holds at least 25 achievements of every kind, rarity and a few hidden and seasonal ones', async () => {
    const catalogue = await loadCatalogue()
    expect(catalogueIssues(catalogue)).toEqual([])
    const entries = validEntries(catalogue)
    expect(entries.length).toBeGreaterThanOrEqual(25)

    const kinds = (c: Criteria): string[] =>
      c.kind === 'all' || c.kind === 'any' ? [c.kind, ...c.of.flatMap(kinds)] : [c.kind]
    const used = new Set(entries.flatMap((e) => kinds(e.criteria)))
    for (const kind of CRITERIA_KINDS) expect(used, kind).toContain(kind)
    const streaks = new Set(entries.flatMap((e) => (e.criteria.kind === 'streak' ? [e.criteria.streak] : [])))
    expect([...streaks].sort()).toEqual(['daily', 'monthly', 'weekly'])
    expect(new Set(entries.map((e) => e.rarity))).toEqual(new Set(['common', 'rare', 'epic', 'legendary']))
    expect(entries.filter((e) => e.isHidden).length).toBeGreaterThanOrEqual(2)

    const seasonal = entries.filter((e) => e.season)
    expect(seasonal.length).toBeGreaterThanOrEqual(2)
    expect(
      seasonal.some((e) => e.season!.start > e.season!.end),
      'one window crosses New Year',
    ).toBe(true)
    for (const e of entries) {
      expect(e.icon, e.key).toMatch(/\p{Extended_Pictographic}/u)
      expect(e.xpReward, e.key).toBeGreaterThan(0)
    }
    expect(entries.map((e) => e.key)).toContain('first-answer')
  })

  it('names only topics that exist in the content folder', async () => {
    const content = await loadContent()
    const topics = new Set(content.subjects.flatMap((s) => s.topics.map((t) => t.slug)))
    const named = validEntries(await loadCatalogue()).flatMap((e) =>
      topicsNamed(e.criteria).map((t) => [e.key, t] as const),
    )
    expect(named.length).toBeGreaterThan(0)
    for (const [key, topic] of named) expect(topics.has(topic), `${key} names topic "${topic}"`).toBe(true)
    expect(existsSync(join(CATALOGUE_ROOT, '..', 'math'))).toBe(true)
  })
})
