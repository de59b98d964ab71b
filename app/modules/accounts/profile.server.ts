import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { Conflict } from '~/utils/errors.server'

/** The User columns the profile form edits. */
const EDITABLE = {
  name: true,
  username: true,
  timezone: true,
  dayStartHour: true,
  weekStartsOn: true,
  dailyXpGoal: true,
  hideFromBoards: true,
} satisfies Prisma.UserSelect

/** The signed-in user's own profile: what the settings page shows and edits. */
export function getProfile(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, ...EDITABLE, image: { select: { id: true, updatedAt: true } } },
  })
}

export interface ProfileInput {
  name: string
  username: string
  timezone: string
  dayStartHour: number
  /** ISO weekday weekly streaks begin on: 1 Monday, 6 Saturday, 7 Sunday */
  weekStartsOn: number
  dailyXpGoal: number
  /** left out of what other learners see on leaderboards (team admins still see them); unchanged when absent */
  hideFromBoards?: boolean
}

const FIELDS = [
  'name',
  'username',
  'timezone',
  'dayStartHour',
  'weekStartsOn',
  'dailyXpGoal',
  'hideFromBoards',
] as const

export class UsernameTaken extends Conflict {
  constructor() {
    super('This username is taken; please choose another', 'username')
  }
}

/** Saves the profile; returns the names of the fields that changed. Throws UsernameTaken. */
export async function updateProfile(userId: string, input: ProfileInput): Promise<string[]> {
  const current = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: EDITABLE,
  })
  const changed = FIELDS.filter((field) => input[field] !== undefined && current[field] !== input[field])
  if (changed.length === 0) return []
  if (changed.includes('username')) {
    const taken = await prisma.user.findFirst({
      where: { username: input.username, id: { not: userId } },
      select: { id: true },
    })
    if (taken) throw new UsernameTaken()
  }
  const data = Object.fromEntries(changed.map((field) => [field, input[field]])) as Partial<ProfileInput>
  try {
    await prisma.user.update({ where: { id: userId }, data, select: { id: true } })
  } catch (error) {
    // Someone else took the username between the check and the write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new UsernameTaken()
    throw error
  }
  return changed
}
