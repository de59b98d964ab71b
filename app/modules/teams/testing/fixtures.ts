import type { TeamRole } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { createTeam } from '../teams.server'

/**
 * Test fixtures for the teams module (used by its tests and the teams route
 * tests only): a team with people in each role, each with a signed-in cookie.
 */
export type Person = Awaited<ReturnType<typeof createUser>> & { cookie: string }

export async function person(overrides: Parameters<typeof createUser>[0] = {}): Promise<Person> {
  const user = await createUser(overrides)
  return { ...user, cookie: await cookieFor(user.id) }
}

export async function addMember(teamId: string, role: Exclude<TeamRole, 'owner'>, who?: Person): Promise<Person> {
  const user = who ?? (await person())
  await prisma.teamMember.create({ data: { teamId, userId: user.id, role }, select: { id: true } })
  return user
}

/** A team created the way the app creates one, plus an admin, an instructor and a member. */
export async function teamWithEveryRole(name = 'Team') {
  const owner = await person()
  const team = await createTeam(owner.id, { name, description: null })
  await prisma.team.update({ where: { id: team.id }, data: { seatLimit: 20 }, select: { id: true } })
  const [admin, instructor, member] = [
    await addMember(team.id, 'admin'),
    await addMember(team.id, 'instructor'),
    await addMember(team.id, 'member'),
  ]
  return { team, owner, admin, instructor, member }
}

type Route = { loader?: (a: never) => Promise<unknown>; action?: (a: never) => Promise<unknown> }

/** Calls a route's action as a signed-in form post and settles the answer. */
export function post(
  route: Route,
  path: string,
  params: Record<string, string>,
  cookie: string | undefined,
  form: Record<string, string | File>,
) {
  const call = route.action as (a: ReturnType<typeof args>) => Promise<unknown>
  return settle(() => call(args(request(path, { cookie, form }), params)))
}

/** Calls a route's loader as a signed-in GET and settles the answer. */
export function get(route: Route, path: string, params: Record<string, string>, cookie?: string) {
  const call = route.loader as (a: ReturnType<typeof args>) => Promise<unknown>
  return settle(() => call(args(request(path, { cookie }), params)))
}

/** Everything about a team that an access-control test must find unchanged. */
export async function teamState(teamId: string) {
  const [team, members, invites, settings, activeUsers] = await Promise.all([
    prisma.team.findUniqueOrThrow({
      where: { id: teamId },
      select: { name: true, description: true, ownerId: true, seatLimit: true, updatedAt: true },
    }),
    prisma.teamMember.findMany({
      where: { teamId },
      select: { userId: true, role: true, updatedAt: true },
      orderBy: { userId: 'asc' },
    }),
    prisma.teamInvite.findMany({
      where: { teamId },
      select: {
        id: true,
        email: true,
        role: true,
        tokenHash: true,
        acceptedAt: true,
        declinedAt: true,
        revokedAt: true,
      },
      orderBy: { id: 'asc' },
    }),
    prisma.teamSettings.findUnique({
      where: { teamId },
      select: { dailyXpGoal: true, subjects: true, updatedAt: true },
    }),
    prisma.user.findMany({ where: { activeTeamId: teamId }, select: { id: true }, orderBy: { id: 'asc' } }),
  ])
  return { team, members, invites, settings, activeUsers }
}

/** The token of the newest invitation e-mail sent to this address, read from the outbox. */
export async function inviteTokenFor(email: string): Promise<string> {
  const mail = await prisma.outboundEmail.findFirstOrThrow({
    where: { to: email, template: 'team-invite' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { text: true },
  })
  const token = /\/invites\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1]
  if (!token) throw new Error(`no invitation link in: ${mail.text}`)
  return token
}
