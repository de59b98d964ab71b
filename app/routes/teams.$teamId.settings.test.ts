import { afterAll, describe, expect, it, vi } from 'vitest'
import { get, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { ORIGIN, args, settle } from '#tests/support/accounts'
import { fakePngFile, pngFile, removeTestUploads } from '#tests/support/images'
import * as route from './teams.$teamId.settings'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
})
afterAll(removeTestUploads)

type Failure = { fieldErrors: Record<string, string[]>; formErrors: string[] }
type PageData = Awaited<ReturnType<typeof route.loader>>
const send = (teamId: string, cookie: string, form: Record<string, string>) =>
  post(route, `/teams/${teamId}/settings`, { teamId }, cookie, form)

function upload(teamId: string, cookie: string, fields: Record<string, string | string[]>, image: File) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  body.set('image', image)
  return settle(() =>
    route.action(
      args(new Request(`${ORIGIN}/teams/${teamId}/settings`, { method: 'POST', body, headers: { cookie } }), {
        teamId,
      }),
    ),
  )
}

async function subjects(...titles: string[]) {
  return Promise.all(
    titles.map((title) =>
      prisma.subject.create({ data: { slug: `${title.toLowerCase()}-${Math.random()}`, title }, select: { id: true } }),
    ),
  )
}

const settingsOf = (teamId: string) =>
  prisma.team.findUniqueOrThrow({
    where: { id: teamId },
    select: { name: true, description: true, settings: { select: { dailyXpGoal: true, subjects: true } } },
  })

describe('team settings', () => {
  it('shows the current settings and the subjects to choose from', async () => {
    const { team, admin } = await teamWithEveryRole('Readers')
    const [maths] = await subjects('Maths')
    const data = (await get(route, `/teams/${team.id}/settings`, { teamId: team.id }, admin.cookie)).body as PageData
    expect(data.team).toMatchObject({
      name: 'Readers',
      description: null,
      dailyXpGoal: null,
      subjects: [],
      image: null,
    })
    expect(data.subjects).toContainEqual({ id: maths!.id, title: 'Maths' })
  })

  it('saves name, description, daily goal and subjects (checkboxes), and audits the field names', async () => {
    const { team, admin } = await teamWithEveryRole()
    const [maths, physics] = await subjects('Maths', 'Physics')
    const body = new URLSearchParams([
      ['intent', 'save'],
      ['name', 'Renamed'],
      ['description', 'We like numbers'],
      ['dailyXpGoal', '40'],
      ['subjects', maths!.id],
      ['subjects', physics!.id],
    ])
    const request = new Request(`${ORIGIN}/teams/${team.id}/settings`, {
      method: 'POST',
      body,
      headers: { cookie: admin.cookie },
    })
    const result = await settle(() => route.action(args(request, { teamId: team.id })))
    expect(result.status).toBe(302)
    expect(await settingsOf(team.id)).toEqual({
      name: 'Renamed',
      description: 'We like numbers',
      settings: { dailyXpGoal: 40, subjects: [maths!.id, physics!.id] },
    })
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'team.settings.updated', teamId: team.id },
      select: { actorId: true, metadata: true },
    })
    expect(audit).toEqual({ actorId: admin.id, metadata: { fields: 'name,description,dailyXpGoal,subjects' } })

    // Blank goal = members keep their own; no subjects ticked = all subjects.
    expect(
      (await send(team.id, admin.cookie, { intent: 'save', name: 'Renamed', description: '', dailyXpGoal: '' })).status,
    ).toBe(302)
    expect(await settingsOf(team.id)).toEqual({
      name: 'Renamed',
      description: null,
      settings: { dailyXpGoal: null, subjects: [] },
    })
  })

  it.each([
    ['a goal of 0', { dailyXpGoal: '0' }, 'dailyXpGoal'],
    ['a goal of 501', { dailyXpGoal: '501' }, 'dailyXpGoal'],
    ['a fractional goal', { dailyXpGoal: '2.5' }, 'dailyXpGoal'],
    ['a word as goal', { dailyXpGoal: 'lots' }, 'dailyXpGoal'],
    ['an empty name', { name: ' ' }, 'name'],
    ['a malformed subject', { subjects: 'maths' }, 'subjects'],
    ['an unknown subject', { subjects: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'subjects'],
  ])('answers 400 naming the field for %s, and changes nothing', async (_case, fields, field) => {
    const { team, owner } = await teamWithEveryRole()
    const before = await settingsOf(team.id)
    const result = await send(team.id, owner.cookie, { intent: 'save', name: 'Good name', ...fields })
    expect(result.status).toBe(400)
    expect((result.body as Failure).fieldErrors[field]?.length).toBeGreaterThan(0)
    expect(await settingsOf(team.id)).toEqual(before)
  })

  it('refuses (403) an instructor, on the page and the form', async () => {
    const { team, instructor } = await teamWithEveryRole()
    expect((await get(route, `/teams/${team.id}/settings`, { teamId: team.id }, instructor.cookie)).status).toBe(403)
    expect((await send(team.id, instructor.cookie, { intent: 'save', name: 'Mine now' })).status).toBe(403)
    expect((await settingsOf(team.id)).name).toBe('Team')
  })
})

describe('team image', () => {
  it('stores an uploaded image for the team, and removes it again', async () => {
    const { team, owner } = await teamWithEveryRole()
    const result = await upload(team.id, owner.cookie, { intent: 'save', name: 'Team' }, pngFile('logo.png'))
    expect(result.status).toBe(302)
    const image = await prisma.image.findUniqueOrThrow({
      where: { teamId: team.id },
      select: { id: true, contentType: true, filePath: true },
    })
    expect(image).toMatchObject({ contentType: 'image/png', filePath: 'teams' })
    const data = (await get(route, `/teams/${team.id}/settings`, { teamId: team.id }, owner.cookie)).body as PageData
    expect(data.team.image?.src).toMatch(new RegExp(`^/images/${image.id}\\?v=`))

    expect((await send(team.id, owner.cookie, { intent: 'remove-image' })).status).toBe(302)
    expect(await prisma.image.count({ where: { teamId: team.id } })).toBe(0)
    expect(await prisma.auditLog.count({ where: { action: 'team.settings.updated', teamId: team.id } })).toBe(2)
  })

  it('refuses a file that is not an image (400 on the image field) and saves nothing else', async () => {
    const { team, owner } = await teamWithEveryRole()
    const result = await upload(team.id, owner.cookie, { intent: 'save', name: 'Changed' }, fakePngFile())
    expect(result.status).toBe(400)
    expect((result.body as Failure).fieldErrors.image?.length).toBeGreaterThan(0)
    expect((await settingsOf(team.id)).name).toBe('Team')
    expect(await prisma.image.count({ where: { teamId: team.id } })).toBe(0)
  })
})
