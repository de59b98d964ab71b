import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { Conflict } from '~/utils/errors.server'
import { hashPassword, verifyPassword } from './password.server'

/** Creating accounts and checking passwords. */

export class AccountTaken extends Conflict {
  constructor(override readonly field: 'email' | 'username') {
    super(
      field === 'email'
        ? 'An account with this e-mail address already exists; try logging in'
        : 'This username is taken; please choose another',
      field,
    )
  }
}

export async function createAccount(
  input: { email: string; username: string; name: string; password: string },
  timezone = 'UTC',
) {
  const taken = await prisma.user.findFirst({
    where: { OR: [{ email: input.email }, { username: input.username }] },
    select: { email: true },
  })
  if (taken) throw new AccountTaken(taken.email === input.email ? 'email' : 'username')
  try {
    return await prisma.user.create({
      data: {
        email: input.email,
        username: input.username,
        name: input.name,
        timezone,
        password: { create: { hash: await hashPassword(input.password) } },
      },
      select: { id: true, email: true, name: true },
    })
  } catch (error) {
    // Two sign-ups racing for the same address or username.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AccountTaken(String(error.meta?.target ?? '').includes('username') ? 'username' : 'email')
    }
    throw error
  }
}

// Compared against when no account exists, so that an unknown address takes as long as a wrong password.
let dummyHash: Promise<string> | undefined

/** The user whose password this is, or null: the same answer for an unknown address and a wrong password. */
export async function verifyLogin(email: string, password: string): Promise<{ id: string } | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, anonymizedAt: true, password: { select: { hash: true } } },
  })
  if (!user?.password || user.anonymizedAt) {
    await verifyPassword(password, await (dummyHash ??= hashPassword('questlog-timing-equaliser')))
    return null
  }
  return (await verifyPassword(password, user.password.hash)) ? { id: user.id } : null
}

/** Checks the current password, then stores the new one. */
export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
  const row = await prisma.password.findUnique({ where: { userId }, select: { hash: true } })
  if (!row || !(await verifyPassword(currentPassword, row.hash))) return false
  await setPassword(userId, newPassword)
  return true
}

export async function setPassword(userId: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword)
  await prisma.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash }, select: { id: true } })
}

export async function markEmailVerified(userId: string, email: string): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id: userId, email },
    data: { emailVerifiedAt: new Date() },
  })
  return count === 1
}
