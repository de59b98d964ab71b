import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { ORIGIN, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { fakePngFile, oversizePngFile, pngFile, removeTestUploads } from '#tests/support/images'
import { action, loader } from './settings.profile'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
})
afterAll(removeTestUploads)

let user: Awaited<ReturnType<typeof createUser>>
let cookie: string
// A fresh username for every test: they share one database.
let VALID: Record<string, string>
let count = 0
beforeEach(async () => {
  user = await createUser()
  cookie = await cookieFor(user.id)
  VALID = {
    name: 'Ana Lima',
    username: `ana_lima${++count}`,
    timezone: 'Europe/Berlin',
    dayStartHour: '5',
    weekStartsOn: '7',
    dailyXpGoal: '30',
  }
})

function post(form: Record<string, string>, files: Record<string, File> = {}, as = cookie) {
  if (Object.keys(files).length === 0)
    return settle(() => action(args(request('/settings/profile', { cookie: as, form }))))
  const body = new FormData()
  for (const [key, value] of Object.entries(form)) body.set(key, value)
  for (const [key, file] of Object.entries(files)) body.set(key, file)
  return settle(() =>
    action(args(new Request(`${ORIGIN}/settings/profile`, { method: 'POST', body, headers: { cookie: as } }))),
  )
}

const profileOf = (id: string) =>
  prisma.user.findUniqueOrThrow({
    where: { id },
    select: {
      name: true,
      username: true,
      timezone: true,
      dayStartHour: true,
      weekStartsOn: true,
      dailyXpGoal: true,
      image: { select: { id: true, filePath: true, fileKey: true } },
    },
  })

type Refusal = { fieldErrors: Record<string, string[]>; values: Record<string, string> }

describe('/settings/profile', () => {
  it('shows the signed-in user’s profile and the IANA zones', async () => {
    const data = (await loader(args(request('/settings/profile', { cookie })))) as Awaited<ReturnType<typeof loader>>
    expect(data.profile).toMatchObject({
      email: user.email,
      username: user.username,
      timezone: 'UTC',
      dayStartHour: 4,
      weekStartsOn: 1,
      dailyXpGoal: 10,
      image: null,
    })
    expect(data.timeZones).toContain('Europe/Berlin')
    expect(data.timeZones).toContain('UTC')
  })

  it('saves every field, then redirects, and audits the field names only', async () => {
    const result = await post(VALID)
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/profile')
    expect((await toastIn(result.headers))?.message).toBe('Your profile was saved.')
    expect(await profileOf(user.id)).toMatchObject({
      name: 'Ana Lima',
      username: VALID.username,
      timezone: 'Europe/Berlin',
      dayStartHour: 5,
      weekStartsOn: 7,
      dailyXpGoal: 30,
    })
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: 'user.profile.updated' },
      select: { metadata: true },
    })
    expect(audit.metadata).toEqual({ fields: 'name,username,timezone,dayStartHour,weekStartsOn,dailyXpGoal' })
    expect(JSON.stringify(audit.metadata)).not.toContain('Ana Lima')
  })

  it('hides the learner from public leaderboards when the box is ticked, and shows them again when not', async () => {
    const hidden = async () =>
      (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { hideFromBoards: true } })).hideFromBoards
    expect((await post({ ...VALID, hideFromBoards: 'on' })).status).toBe(302)
    expect(await hidden()).toBe(true)
    const data = (await loader(args(request('/settings/profile', { cookie })))) as Awaited<ReturnType<typeof loader>>
    expect(data.profile.hideFromBoards).toBe(true)
    expect(data.badges).toEqual([])
    expect((await post({ ...VALID, hideFromBoards: 'yes' })).status).toBe(400)
    expect(await hidden()).toBe(true)
    expect((await post(VALID)).status).toBe(302)
    expect(await hidden()).toBe(false)
  })

  it('normalises the username to lower case and accepts hour 0 and 23', async () => {
    expect((await post({ ...VALID, username: VALID.username!.toUpperCase(), dayStartHour: '0' })).status).toBe(302)
    expect(await profileOf(user.id)).toMatchObject({ username: VALID.username, dayStartHour: 0 })
    expect((await post({ ...VALID, dayStartHour: '23' })).status).toBe(302)
  })

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['a long name', { name: 'x'.repeat(81) }, 'name'],
    ['a short username', { username: 'ab' }, 'username'],
    ['a username with spaces', { username: 'ana lima' }, 'username'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a non-IANA zone', { timezone: 'EST' }, 'timezone'],
    ['hour 24', { dayStartHour: '24' }, 'dayStartHour'],
    ['a negative hour', { dayStartHour: '-1' }, 'dayStartHour'],
    ['an empty hour', { dayStartHour: '' }, 'dayStartHour'],
    ['a goal outside the tiers', { dailyXpGoal: '25' }, 'dailyXpGoal'],
    ['a week number that is not an ISO weekday we offer', { weekStartsOn: '0' }, 'weekStartsOn'],
    ['no week start', { weekStartsOn: '' }, 'weekStartsOn'],
  ])('answers 400 naming the field for %s and changes nothing', async (_name, override, field) => {
    const before = await profileOf(user.id)
    const result = await post({ ...VALID, ...override })
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as Refusal).fieldErrors)).toEqual([field])
    expect(await profileOf(user.id)).toEqual(before)
  })

  it('answers 409 naming username when another account has it', async () => {
    const other = await createUser({ username: 'taken_name' })
    const before = await profileOf(user.id)
    const result = await post({ ...VALID, username: 'Taken_Name' })
    expect(result.status).toBe(409)
    expect((result.body as Refusal).fieldErrors.username?.join(' ')).toMatch(/taken/)
    expect((result.body as Refusal).values.name).toBe(VALID.name)
    expect(await profileOf(user.id)).toEqual(before)
    expect((await profileOf(other.id)).username).toBe('taken_name')
  })

  it('keeps one’s own username without a conflict', async () => {
    expect((await post({ ...VALID, username: user.username! })).status).toBe(302)
  })

  it('changes only the signed-in user', async () => {
    const other = await createUser()
    const before = await profileOf(other.id)
    await post(VALID)
    expect(await profileOf(other.id)).toEqual(before)
  })

  describe('photo', () => {
    const filePath = (image: { filePath: string; fileKey: string }) =>
      join(resolve(getEnv().DATA_DIR), 'uploads', image.filePath, image.fileKey)

    it('uploads a photo with the profile, replaces it, and removes it', async () => {
      expect((await post(VALID, { avatar: pngFile() })).status).toBe(302)
      const first = (await profileOf(user.id)).image!
      expect(existsSync(filePath(first))).toBe(true)
      const page = (await loader(args(request('/settings/profile', { cookie })))) as Awaited<ReturnType<typeof loader>>
      expect(page.profile.image?.id).toBe(first.id)

      expect((await post(VALID, { avatar: pngFile('b.png', [0, 255, 0, 255]) })).status).toBe(302)
      const second = (await profileOf(user.id)).image!
      expect(existsSync(filePath(first))).toBe(false)
      expect(existsSync(filePath(second))).toBe(true)

      const removed = await post({ intent: 'remove-photo' })
      expect(removed.headers.get('location')).toBe('/settings/profile')
      expect((await toastIn(removed.headers))?.message).toBe('Your photo was removed.')
      expect((await profileOf(user.id)).image).toBeNull()
      expect(existsSync(filePath(second))).toBe(false)
      const audits = await prisma.auditLog.findMany({
        where: { actorId: user.id, action: 'user.profile.updated' },
        select: { metadata: true },
      })
      expect(audits.map((a) => a.metadata)).toContainEqual({ fields: 'avatar' })
    })

    it('keeps the profile when no file was chosen', async () => {
      expect((await post(VALID, { avatar: new File([], '') })).status).toBe(302)
      expect((await profileOf(user.id)).image).toBeNull()
    })

    it('answers 400 naming avatar for text named .png, and writes nothing', async () => {
      const before = await profileOf(user.id)
      const result = await post(VALID, { avatar: fakePngFile() })
      expect(result.status).toBe(400)
      expect((result.body as Refusal).fieldErrors.avatar?.join(' ')).toMatch(/PNG, JPEG, WebP or GIF/)
      expect(await profileOf(user.id)).toEqual(before)
    })

    it('answers 413 naming avatar for a file over 2 MB, never 500', async () => {
      const before = await profileOf(user.id)
      const result = await post(VALID, { avatar: oversizePngFile() })
      expect(result.status).toBe(413)
      expect((result.body as Refusal).fieldErrors.avatar?.join(' ')).toMatch(/2 MB/)
      expect(await profileOf(user.id)).toEqual(before)
    })

    it('answers 409 for a taken username without storing the photo', async () => {
      await createUser({ username: 'someone_else' })
      const result = await post({ ...VALID, username: 'someone_else' }, { avatar: pngFile() })
      expect(result.status).toBe(409)
      expect((await profileOf(user.id)).image).toBeNull()
    })
  })
})
