import { z } from 'zod'
import { Email } from '~/modules/accounts/account-input'

/** What the team forms send, validated the same way by every route. */
export const TeamId = z.ulid('Choose a team')
const UserId = z.ulid('Choose a member')
const InviteId = z.ulid('Choose an invitation')

export const TeamName = z
  .string({ message: 'Enter a team name' })
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(60, 'Use at most 60 characters')

export const TeamDescription = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters')
  .optional()
  .transform((v) => v || null)

const InvitableRole = z.enum(['admin', 'instructor', 'member'], {
  message: 'Choose a role: member, instructor or admin',
})
const AssignableRole = z.enum(['admin', 'instructor', 'member'], {
  message: 'Choose a role: member, instructor or admin',
})

/** "on" from a checked checkbox; anything else means it was not ticked. */
const Confirmed = (message: string) => z.literal('on', { message })

export const TeamsPageAction = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('create'), name: TeamName, description: TeamDescription }),
    z.object({ intent: z.literal('switch'), teamId: TeamId, redirectTo: z.string().optional() }),
    z.object({ intent: z.literal('leave'), teamId: TeamId }),
    z.object({ intent: z.literal('accept-invite'), inviteId: InviteId }),
    z.object({ intent: z.literal('decline-invite'), inviteId: InviteId }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type TeamsPageAction = z.output<typeof TeamsPageAction>

export const TeamAdminAction = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('invite'), email: Email, role: InvitableRole }),
    z.object({ intent: z.literal('revoke-invite'), inviteId: InviteId }),
    z.object({ intent: z.literal('change-role'), userId: UserId, role: AssignableRole }),
    z.object({ intent: z.literal('remove'), userId: UserId }),
    z.object({
      intent: z.literal('transfer'),
      userId: UserId,
      confirm: Confirmed('Tick the box to confirm that you hand over ownership'),
    }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type TeamAdminAction = z.output<typeof TeamAdminAction>

export const DailyXpGoal = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    const goal = Number(value)
    if (!Number.isInteger(goal) || goal < 1 || goal > 500) {
      ctx.addIssue({ code: 'custom', message: 'Enter a whole number from 1 to 500, or leave it empty' })
      return z.NEVER
    }
    return goal
  })

/** Checkbox values arrive joined with commas (see `joinAll`); subject ids are ULIDs, which have none. */
const SubjectIds = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',') : []))
  .pipe(z.array(z.ulid('Choose subjects from the list')).max(200, 'Choose at most 200 subjects'))

export const TeamSettingsAction = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('save'),
      name: TeamName,
      description: TeamDescription,
      dailyXpGoal: DailyXpGoal,
      subjects: SubjectIds,
    }),
    z.object({ intent: z.literal('remove-image') }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type TeamSettingsAction = z.output<typeof TeamSettingsAction>

/** A copy of the form where a repeated field (checkboxes) is one comma-joined value, for `parseForm`. */
export function joinAll(formData: FormData, name: string): FormData {
  const copy = new FormData()
  for (const [key, value] of formData) if (key !== name) copy.append(key, value)
  const values = formData.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '')
  if (values.length) copy.set(name, values.join(','))
  return copy
}

/** The invitation token of a link: 32 random bytes in base64url. */
export const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/)
