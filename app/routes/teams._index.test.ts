import { describe, expect, it } from 'vitest'
import { addMember, get, person, post, teamState } from '~/modules/teams/testing/fixtures'
import { createTeam } from '~/modules/teams/teams.server'
import { prisma } from '~/utils/db.server'
import * as route from './teams._index'
import { toastIn } from '#tests/support/toast'

const send = (cookie: string | undefined, form: Record<string, string>) => post(route, '/teams?index', {}, cookie, form)
const activeTeamOf = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { activeTeamId: true } })).activeTeamId
type PageData = Awaited<ReturnType<typeof route.loader>>
type Failure = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[] }

describe('/teams when signed out', () => {
  it('sends the visitor to log in, for the page and for every action', async () => {
    const page = await get(route, '/teams', {})
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/login?redirectTo=%2Fteams')
    const created = await send(undefined, { intent: 'create', name: 'Sneaky' })
    expect(created.status).toBe(302)
    expect(created.headers.get('location')).toMatch(/^\/login\?/)
    expect(await prisma.team.count({ where: { name: 'Sneaky' } })).toBe(0)
  })
})

describe('creating a team', () => {
  it('creates it, makes me the owner and takes me to its page', async () => {
    const me = await person()
    const result = await send(me.cookie, { intent: 'create', name: '  Fraction Fans ', description: 'Weekly practice' })
    expect(result.status).toBe(302)
    const teamId = /^\/teams\/(\w{26})$/.exec(result.headers.get('location') ?? '')?.[1]
    expect(teamId).toBeDefined()
    const state = await teamState(teamId!)
    expect(state.team).toMatchObject({
      name: 'Fraction Fans',
      description: 'Weekly practice',
      ownerId: me.id,
      seatLimit: 5,
    })
    expect(state.members).toMatchObject([{ userId: me.id, role: 'owner' }])
    expect(state.settings?.subjects).toEqual([])
    expect(await activeTeamOf(me.id)).toBe(teamId)
    expect(await prisma.auditLog.count({ where: { action: 'team.created', teamId, actorId: me.id } })).toBe(1)
  })

  it.each([
    ['no name', { intent: 'create' }, 'name'],
    ['a one-letter name', { intent: 'create', name: 'x' }, 'name'],
    ['a huge description', { intent: 'create', name: 'Fine name', description: 'd'.repeat(501) }, 'description'],
    ['an unknown intent', { intent: 'explode' }, 'intent'],
    ['no intent', { name: 'Fine name' }, 'intent'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_case, form, field) => {
    const me = await person()
    const before = await prisma.team.count()
    const result = await send(me.cookie, form)
    expect(result.status).toBe(400)
    expect((result.body as Failure).fieldErrors[field]?.length).toBeGreaterThan(0)
    expect(await prisma.team.count()).toBe(before)
  })
})

describe('my teams and switching', () => {
  it('lists my teams with my role and marks the active one', async () => {
    const me = await person()
    const first = await createTeam(me.id, { name: 'Alpha', description: null })
    const otherOwner = await person()
    const second = await createTeam(otherOwner.id, { name: 'Beta', description: null })
    await addMember(second.id, 'instructor', me)
    await createTeam(otherOwner.id, { name: 'Not mine', description: null })

    const page = await get(route, '/teams', {}, me.cookie)
    const data = page.body as PageData
    expect(data.teams.map((t) => [t.name, t.role, t.canManage])).toEqual([
      ['Alpha', 'owner', true],
      ['Beta', 'instructor', true],
    ])
    expect(data.activeTeamId).toBe(first.id)
  })

  it('switches to a team I belong to, and back to the page I came from', async () => {
    const me = await person()
    await createTeam(me.id, { name: 'Mine', description: null })
    const owner = await person()
    const joined = await createTeam(owner.id, { name: 'Joined', description: null })
    await addMember(joined.id, 'member', me)
    const result = await send(me.cookie, { intent: 'switch', teamId: joined.id, redirectTo: '/settings/profile' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/profile')
    expect(await activeTeamOf(me.id)).toBe(joined.id)
    // Never to another site.
    const offsite = await send(me.cookie, { intent: 'switch', teamId: joined.id, redirectTo: '//evil.example' })
    expect(offsite.headers.get('location')).toBe('/teams')
    expect((await toastIn(offsite.headers))?.message).toMatch(/You now act for the team/)
  })

  it('refuses (403) a team I am not a member of, and keeps my active team', async () => {
    const me = await person()
    const mine = await createTeam(me.id, { name: 'Mine', description: null })
    const stranger = await person()
    const theirs = await createTeam(stranger.id, { name: 'Theirs', description: null })
    const result = await send(me.cookie, { intent: 'switch', teamId: theirs.id })
    expect(result.status).toBe(403)
    expect(await activeTeamOf(me.id)).toBe(mine.id)
    expect((await send(me.cookie, { intent: 'switch', teamId: 'not-a-ulid' })).status).toBe(400)
  })
})

describe('leaving a team', () => {
  it('lets a member leave: membership gone, active team cleared, audited', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Leavers', description: null })
    const me = await addMember(team.id, 'admin')
    await prisma.user.update({ where: { id: me.id }, data: { activeTeamId: team.id }, select: { id: true } })
    const result = await send(me.cookie, { intent: 'leave', teamId: team.id })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/teams')
    expect((await toastIn(result.headers))?.message).toBe('You left the team.')
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: me.id } })).toBe(0)
    expect(await activeTeamOf(me.id)).toBeNull()
    expect(
      await prisma.auditLog.count({ where: { action: 'team.member.left', teamId: team.id, actorId: me.id } }),
    ).toBe(1)
  })

  it('refuses the owner, saying to transfer ownership first', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Stay', description: null })
    const before = await teamState(team.id)
    const result = await send(owner.cookie, { intent: 'leave', teamId: team.id })
    expect(result.status).toBe(409)
    expect((result.body as Failure).formErrors.join(' ')).toMatch(/transfer ownership/)
    expect(await teamState(team.id)).toEqual(before)
  })

  it('refuses (403) leaving a team I am not in', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Other', description: null })
    const me = await person()
    expect((await send(me.cookie, { intent: 'leave', teamId: team.id })).status).toBe(403)
  })
})
