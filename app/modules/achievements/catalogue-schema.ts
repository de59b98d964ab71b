/**
 * The achievements catalogue files (docs/achievements.md): content/achievements/<category>.json,
 * one file per category. Pure: validates parsed JSON and names the field that is wrong
 * ("achievements[3].criteria.atLeast"), in the words of the content files (content-schema.ts).
 */
import { z } from 'zod'
import { formatFieldPath, type FieldIssue, type Validation } from '~/modules/content/content-schema'
import { CriteriaSchema, type Criteria } from './criteria'
import { seasonProblem } from './season-rules'

export const RARITIES = ['common', 'rare', 'epic', 'legendary'] as const
export type Rarity = (typeof RARITIES)[number]

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const expect = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
})
const text = (max: number) =>
  z
    .string(expect('must be a string'))
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= max, `must be at most ${max} characters`)
const slug = z
  .string(expect('must be a string'))
  .regex(SLUG, 'must be lower-case letters, digits and single dashes, e.g. "streak-7"')
  .max(60, 'must be at most 60 characters')

const AchievementSchema = z
  .strictObject(
    {
      key: slug,
      name: text(60),
      description: text(200),
      rarity: z.enum(RARITIES, expect('must be "common", "rare", "epic" or "legendary"')).default('common'),
      /** an emoji (pages print it as text) */
      icon: text(16).optional(),
      xpReward: z
        .int(expect('must be a whole number'))
        .min(0, 'must be at least 0')
        .max(1000, 'must be at most 1000')
        .default(0),
      hidden: z.boolean(expect('must be true or false')).default(false),
      season: z
        .strictObject(
          { start: z.string(expect('must be a string')), end: z.string(expect('must be a string')) },
          expect('must be an object { "start": "12-01", "end": "12-31" }'),
        )
        .optional(),
      criteria: CriteriaSchema,
    },
    expect('must be an object { ... }'),
  )
  .superRefine((a, ctx) => {
    if (!a.season) return
    const problem = seasonProblem(a.season.start, a.season.end)
    if (problem) ctx.addIssue({ code: 'custom', path: ['season'], message: problem })
  })

export const CatalogueFileSchema = z
  .strictObject(
    {
      category: slug,
      achievements: z
        .array(AchievementSchema, expect('must be a list of achievements [ ... ]'))
        .min(1, 'must contain at least one achievement'),
    },
    expect('must be an object { "category": …, "achievements": [ … ] }'),
  )
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>()
    file.achievements.forEach((a, i) => {
      const first = seen.get(a.key)
      if (first === undefined) seen.set(a.key, i)
      else ctx.addIssue({ code: 'custom', path: ['achievements', i, 'key'], message: `repeats achievements[${first}]` })
    })
  })

export interface CatalogueEntry {
  key: string
  name: string
  description: string
  category: string
  rarity: Rarity
  icon: string | null
  xpReward: number
  isHidden: boolean
  season: { start: string; end: string } | null
  criteria: Criteria
}

/** A category file; its `category` must be the file's name without ".json". */
export function validateCatalogueFile(json: unknown, fileCategory: string): Validation<CatalogueEntry[]> {
  const result = CatalogueFileSchema.safeParse(json)
  const issues: FieldIssue[] = result.success ? [] : result.error.issues.flatMap(toFieldIssues)
  const found = (json as { category?: unknown } | null)?.category
  if (typeof found === 'string' && found !== fileCategory)
    issues.push({ path: 'category', message: `must match the file name "${fileCategory}.json" (found "${found}")` })
  if (!result.success || issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    value: result.data.achievements.map((a) => ({
      key: a.key,
      name: a.name,
      description: a.description,
      category: result.data.category,
      rarity: a.rarity,
      icon: a.icon ?? null,
      xpReward: a.xpReward,
      isHidden: a.hidden,
      season: a.season ?? null,
      criteria: a.criteria,
    })),
  }
}

function toFieldIssues(issue: z.core.$ZodIssue): FieldIssue[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: formatFieldPath([...issue.path, key]),
      message: 'is not a known field (check the spelling)',
    }))
  return [{ path: formatFieldPath(issue.path), message: issue.message }]
}
