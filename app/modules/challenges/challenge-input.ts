import { z } from 'zod'
import { LOCAL_DATE_TIME } from './challenge-rules'
import { SCORED_METRICS } from './scoring-rules'

/** What the challenge forms and APIs send, validated the same way by every route. */
export const ChallengeId = z.ulid('There is no such challenge')

const LocalDateTime = (what: string) =>
  z
    .string({ message: `Enter the ${what} date and time` })
    .trim()
    // Browsers without a date-time picker may send seconds: keep minutes.
    .transform((v) => v.replace(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/, '$1T$2'))
    .pipe(z.string().regex(LOCAL_DATE_TIME, `Enter the ${what} as a date and time, e.g. 2026-03-01T09:00`))

/** Checkbox values arrive comma-joined (teams' `joinAll`); topic slugs have no commas. */
const TopicSlugs = z
  .string()
  .optional()
  .transform((v) => (v ? [...new Set(v.split(',').filter(Boolean))] : []))
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Choose topics from the list'))
      .max(20, 'Choose at most 20 topics'),
  )

/** Concept keys as in Task.concepts ("fractions.add"), separated by commas or spaces. */
const ConceptKeys = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? '').split(/[\s,]+/).filter(Boolean))])
  .pipe(
    z
      .array(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Write concept keys like fractions.add, separated by commas'),
      )
      .max(50, 'Name at most 50 concepts'),
  )

export const ChallengeCreate = z
  .object({
    intent: z.literal('create'),
    title: z
      .string({ message: 'Enter a title' })
      .trim()
      .min(3, 'Use at least 3 characters')
      .max(80, 'Use at most 80 characters'),
    description: z
      .string()
      .trim()
      .max(1000, 'Use at most 1000 characters')
      .optional()
      .transform((v) => v ?? ''),
    difficulty: z.enum(['easy', 'medium', 'hard', 'expert'], { message: 'Choose a difficulty' }),
    metric: z.enum(SCORED_METRICS, { message: 'Choose how the challenge scores' }),
    startsAt: LocalDateTime('start'),
    endsAt: LocalDateTime('end'),
    topics: TopicSlugs,
    concepts: ConceptKeys,
    /** empty = a global challenge (platform admins) */
    teamId: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(z.ulid('Choose a team').nullable()),
  })
  .refine((v) => v.endsAt > v.startsAt, { message: 'The end must come after the start', path: ['endsAt'] })
export type ChallengeCreate = z.output<typeof ChallengeCreate>

export const ChallengePageAction = z.discriminatedUnion(
  'intent',
  [z.object({ intent: z.literal('join') }), z.object({ intent: z.literal('leave') })],
  { message: 'Unknown action: reload the page and try again' },
)
export type ChallengePageAction = z.output<typeof ChallengePageAction>

/** `?team=` of the challenge list API: only that team's challenges. */
export const ChallengeListQuery = z.object({ team: z.ulid('Unknown team').optional() })
