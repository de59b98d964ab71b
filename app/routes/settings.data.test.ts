import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { verifyLogin } from '~/modules/accounts/accounts.server'
import { createVerification } from '~/modules/accounts/verification.server'
import { getSessionUser } from '~/utils/auth.server'
import { readImage, saveImage } from '~/modules/content/images.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { TEST_PASSWORD, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { pngFile, removeTestUploads } from '#tests/support/images'
import { action as loginAction } from './login'
import { action, loader } from './settings.data'
import { action as exportAction, loader as exportLoader } from './settings_.export[.json]'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
})
afterAll(removeTestUploads)

type User = Awaited<ReturnType<typeof createUser>>

/** A learner with something in most corners of the schema. */
async function learnerWithHistory(user: User) {
  const subject = await prisma.subject.create({ data: { slug: `s-${user.id}`, title: 'Maths' }, select: { id: true } })
  const topic = await prisma.topicXpConfig.create({
    data: {
      slug: `t-${user.id}`,
      title: 'Fractions',
      subjectId: subject.id,
      levelThresholds: [],
      reviewIntervals: [],
      tags: [],
    },
    select: { id: true },
  })
  const task = await prisma.task.create({
    data: {
      id: `task-${user.id}`,
      topicId: topic.id,
      kind: 'numeric',
      prompt: '1/2 + 1/4?',
      answer: 0.75,
      concepts: [],
    },
    select: { id: true },
  })
  const attempt = await prisma.userTaskAttempt.create({
    data: {
      attemptId: `a-${user.id}`,
      userId: user.id,
      taskId: task.id,
      topicId: topic.id,
      answer: '0.75',
      isCorrect: true,
      xpEarned: 10,
      dayKey: '2026-11-20',
    },
    select: { id: true },
  })
  await prisma.userTopicXp.create({ data: { userId: user.id, topicId: topic.id, currentXp: 10, totalXpEarned: 10 } })
  await prisma.reviewCard.create({ data: { userId: user.id, taskId: task.id, topicId: topic.id } })
  await prisma.xpLedgerEntry.create({
    data: { userId: user.id, amount: 10, source: 'task_attempt', sourceId: attempt.id, dayKey: '2026-11-20' },
  })
  const challenge = await prisma.challenge.create({
    data: {
      title: 'November sprint',
      description: 'Most XP wins',
      startDate: new Date('2026-11-01'),
      endDate: new Date('2026-12-01'),
    },
    select: { id: true },
  })
  await prisma.userChallenge.create({ data: { userId: user.id, challengeId: challenge.id, score: 10 } })
  await prisma.leaderboardEntry.create({ data: { userId: user.id, challengeId: challenge.id, score: 10, rank: 1 } })
  await prisma.notification.create({
    data: { userId: user.id, type: 'system', title: `Welcome ${user.name}`, eventKey: 'test:welcome' },
  })
  await prisma.notificationPreference.create({ data: { userId: user.id, type: 'review_due', emailEnabled: false } })
  await prisma.userBehaviorLog.create({ data: { userId: user.id, actionType: 'task_submitted' } })
  await prisma.quest.create({
    data: { userId: user.id, title: `Private quest of ${user.name}`, estimatedDuration: 30 },
  })
  await prisma.tutorSession.create({
    data: { userId: user.id, title: 'Help', messages: { create: { role: 'user', content: 'What is a fraction?' } } },
  })
  await prisma.aIUsage.create({
    data: { userId: user.id, prompt: 'What is a fraction?', response: 'A part of a whole', usageMonth: '2026-11' },
  })
  await prisma.learnerProfile.create({
    data: { userId: user.id, masteryMap: { 'fractions.add': 60 }, knowledgeGaps: [] },
  })
  await prisma.outboundEmail.create({
    data: { to: user.email, subject: 'Reset your password', text: 'https://x/reset?token=SECRET', userId: user.id },
  })
  await createVerification('password_reset', user.email, user.id)
  return { challengeId: challenge.id, taskId: task.id }
}

async function createTeam(owner: User, name: string, members: User[] = []) {
  return prisma.team.create({
    data: {
      name,
      ownerId: owner.id,
      members: {
        create: [
          { userId: owner.id, role: 'owner' },
          ...members.map((m) => ({ userId: m.id, role: 'member' as const })),
        ],
      },
    },
    select: { id: true },
  })
}

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into))
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key)
      keysOf(inner, into)
    }
  }
  return into
}

let user: User
let cookie: string
beforeEach(async () => {
  user = await createUser({ name: 'Ana Export' })
  cookie = await cookieFor(user.id)
})

describe('download my data', () => {
  const download = (as = cookie) =>
    settle(() => exportAction(args(request('/settings/export.json', { cookie: as, method: 'POST' }))))

  it('answers a JSON attachment with my data, none of another user’s, and no hashes', async () => {
    const other = await createUser({ name: 'Bea Other' })
    await learnerWithHistory(user)
    await learnerWithHistory(other)
    const team = await createTeam(user, 'Export team', [other])
    await prisma.teamInvite.create({
      data: {
        teamId: team.id,
        email: 'invitee@example.com',
        tokenHash: 'invite-hash-value',
        invitedById: user.id,
        expiresAt: new Date(Date.now() + 1e9),
      },
    })
    await saveImage({ file: pngFile(), owner: { userId: user.id } })

    const result = await download()
    expect(result.status).toBe(200)
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const date = new Date().toISOString().slice(0, 10)
    expect(result.headers.get('content-disposition')).toBe(
      `attachment; filename="questlog-data-${user.username}-${date}.json"`,
    )

    const body = result.body as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    const text = JSON.stringify(body)
    expect(body.profile).toMatchObject({ id: user.id, email: user.email, name: 'Ana Export' })
    expect(body.account.sessions).toHaveLength(1)
    expect(body.account.verifications).toHaveLength(1)
    expect(body.account).toMatchObject({ hasPassword: true, passwordChangedAt: expect.any(String) })
    expect(body.account.image).toMatchObject({ contentType: 'image/png' })
    expect(body.teams.memberships).toHaveLength(1)
    expect(body.teams.invitesSent).toHaveLength(1)
    expect(body.learning.taskAttempts).toHaveLength(1)
    expect(body.learning.xpLedger).toHaveLength(1)
    expect(body.challenges.leaderboardEntries).toHaveLength(1)
    expect(body.notifications.inApp[0].title).toBe('Welcome Ana Export')
    expect(body.tutor.sessions[0].messages[0].content).toBe('What is a fraction?')
    expect(body.quests.quests[0].title).toBe('Private quest of Ana Export')
    expect(body.notifications.emails[0]).not.toHaveProperty('text')

    expect(text).not.toContain(other.id)
    expect(text).not.toContain(other.email)
    expect(text).not.toContain('Bea Other')
    expect(text).not.toContain('invite-hash-value')
    expect(text).not.toContain('token=SECRET')
    expect(text).not.toContain('$argon2')
    const keys = keysOf(body)
    for (const key of keys) expect(key).not.toMatch(/hash/i)

    const audit = await prisma.auditLog.count({ where: { actorId: user.id, action: 'user.data.exported' } })
    expect(audit).toBe(1)
  })

  it('sends a plain GET back to the page (the download is a POST)', async () => {
    const result = await settle(() => exportLoader(args(request('/settings/export.json'))))
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/data')
  })
})

describe('delete my account', () => {
  const remove = (form: Record<string, string>, as = cookie) =>
    settle(() => action(args(request('/settings/data', { cookie: as, form }))))
  const snapshot = (id: string) =>
    prisma.user.findUniqueOrThrow({
      where: { id },
      select: {
        email: true,
        name: true,
        username: true,
        anonymizedAt: true,
        password: { select: { id: true } },
        _count: { select: { sessions: true, notifications: true, teamMemberships: true, verifications: true } },
      },
    })

  it('anonymises the account, ends sessions, deletes personal rows and keeps the aggregate ones', async () => {
    const other = await createUser()
    const otherCookie = await cookieFor(other.id)
    const { challengeId } = await learnerWithHistory(user)
    const secondDevice = await cookieFor(user.id)
    await prisma.user.update({ where: { id: user.id }, data: { imageUrl: 'https://example.com/me.png' } })
    const image = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    const imageRow = await prisma.image.findUniqueOrThrow({
      where: { id: image.id },
      select: { filePath: true, fileKey: true },
    })
    const imageFile = join(resolve(getEnv().DATA_DIR), 'uploads', imageRow.filePath, imageRow.fileKey)
    const soloTeam = await createTeam(user, 'Just me')
    await prisma.teamInvite.create({
      data: {
        teamId: soloTeam.id,
        email: 'later@example.com',
        tokenHash: `h-${user.id}`,
        expiresAt: new Date(Date.now() + 1e9),
      },
    })
    await prisma.user.update({ where: { id: user.id }, data: { activeTeamId: soloTeam.id } })
    const othersTeam = await createTeam(other, 'Other team', [user])
    const certificate = await prisma.teamCertificate.create({
      data: { teamId: othersTeam.id, userId: user.id, title: 'Fractions', code: `c-${user.id}`, criteria: {} },
      select: { id: true },
    })
    await prisma.auditLog.create({
      data: { action: 'auth.login.failed', targetType: 'User', metadata: { email: user.email } },
    })

    const result = await remove({ password: TEST_PASSWORD, confirm: 'yes' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/')
    expect((await toastIn(result.headers))?.message).toMatch(/Your account has been deleted/)
    expect(result.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)

    // The row stays, anonymised exactly as seed 002 says.
    const after = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        email: true,
        name: true,
        username: true,
        imageUrl: true,
        emailVerifiedAt: true,
        anonymizedAt: true,
        activeTeamId: true,
      },
    })
    expect(after).toMatchObject({
      email: `user_${user.id}@deleted.invalid`,
      name: 'Deleted User',
      username: null,
      imageUrl: null,
      emailVerifiedAt: null,
      activeTeamId: null,
    })
    expect(after.anonymizedAt).toBeInstanceOf(Date)

    // Sign-in is gone everywhere.
    expect(await prisma.password.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await getSessionUser(request('/', { cookie: secondDevice }))).toBeNull()
    expect(await prisma.verification.count({ where: { OR: [{ userId: user.id }, { target: user.email }] } })).toBe(0)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull()
    expect(await verifyLogin(`user_${user.id}@deleted.invalid`, TEST_PASSWORD)).toBeNull()

    // Personal rows deleted.
    const mine = { where: { userId: user.id } }
    expect(await prisma.notification.count(mine)).toBe(0)
    expect(await prisma.notificationPreference.count(mine)).toBe(0)
    expect(await prisma.userBehaviorLog.count(mine)).toBe(0)
    expect(await prisma.outboundEmail.count({ where: { OR: [{ userId: user.id }, { to: user.email }] } })).toBe(0)
    expect(await prisma.tutorSession.count(mine)).toBe(0)
    expect(await prisma.learnerProfile.count(mine)).toBe(0)
    expect(await prisma.reviewCard.count(mine)).toBe(0)
    expect(await prisma.quest.count(mine)).toBe(0)
    expect(await prisma.image.count(mine)).toBe(0)
    expect(existsSync(imageFile)).toBe(false)
    expect(await readImage(image.id)).toBeNull()

    // Aggregate rows that others depend on stay.
    expect(await prisma.leaderboardEntry.count({ where: { userId: user.id, challengeId } })).toBe(1)
    expect(await prisma.userChallenge.count(mine)).toBe(1)
    expect(await prisma.xpLedgerEntry.count(mine)).toBe(1)
    expect(await prisma.userTopicXp.count(mine)).toBe(1)
    expect(await prisma.teamCertificate.count({ where: { id: certificate.id } })).toBe(1)
    const attempts = await prisma.userTaskAttempt.findMany({ ...mine, select: { isCorrect: true, answer: true } })
    expect(attempts).toEqual([{ isCorrect: true, answer: null }])
    const usage = await prisma.aIUsage.findMany({ ...mine, select: { prompt: true, response: true } })
    expect(usage).toEqual([{ prompt: '', response: null }])

    // Teams: memberships gone; the team only this user was in is archived with no owner.
    expect(await prisma.teamMember.count(mine)).toBe(0)
    expect(
      await prisma.team.findUniqueOrThrow({ where: { id: soloTeam.id }, select: { ownerId: true, archivedAt: true } }),
    ).toMatchObject({
      ownerId: null,
      archivedAt: expect.any(Date),
    })
    expect(
      await prisma.teamInvite.findFirstOrThrow({ where: { teamId: soloTeam.id }, select: { revokedAt: true } }),
    ).toMatchObject({ revokedAt: expect.any(Date) })
    expect(await prisma.teamMember.count({ where: { teamId: othersTeam.id } })).toBe(1)
    expect(await prisma.team.findUniqueOrThrow({ where: { id: othersTeam.id }, select: { archivedAt: true } })).toEqual(
      { archivedAt: null },
    )

    // Audited; the address is scrubbed from older audit rows; other people untouched.
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: 'user.deleted' },
      select: { targetId: true, metadata: true, ip: true },
    })
    expect(audit).toEqual({ targetId: user.id, metadata: { teamsArchived: 1 }, ip: '203.0.113.7' })
    expect(JSON.stringify(await prisma.auditLog.findMany({ select: { metadata: true } }))).not.toContain(user.email)
    expect(await getSessionUser(request('/', { cookie: otherCookie }))).toMatchObject({ id: other.id })
    expect(await prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { anonymizedAt: true } })).toEqual({
      anonymizedAt: null,
    })
  })

  it('refuses a wrong password with 400 naming password, and changes nothing', async () => {
    const before = await snapshot(user.id)
    const result = await remove({ password: 'not the password', confirm: 'yes' })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ fieldErrors: { password: [expect.stringMatching(/not correct/)] } })
    expect(await snapshot(user.id)).toEqual(before)
  })

  it.each([
    ['no password', { confirm: 'yes' }, 'password'],
    ['the box not ticked', { password: TEST_PASSWORD }, 'confirm'],
    ['a forged box value', { password: TEST_PASSWORD, confirm: 'maybe' }, 'confirm'],
  ])('refuses %s with 400 naming the field', async (_name, form, field) => {
    const before = await snapshot(user.id)
    const result = await remove(form)
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as { fieldErrors: object }).fieldErrors)).toEqual([field])
    expect(await snapshot(user.id)).toEqual(before)
  })

  it('refuses an owner of a team with other members (409, names the team), and changes nothing', async () => {
    const member = await createUser()
    const team = await createTeam(user, 'Busy team', [member])
    const before = await snapshot(user.id)
    const page = (await loader(args(request('/settings/data', { cookie })))) as Awaited<ReturnType<typeof loader>>
    expect(page.blockingTeams).toEqual([{ id: team.id, name: 'Busy team' }])

    const result = await remove({ password: TEST_PASSWORD, confirm: 'yes' })
    expect(result.status).toBe(409)
    expect(result.body).toMatchObject({
      formErrors: [expect.stringMatching(/Busy team.*Transfer ownership/)],
      teams: [{ id: team.id, name: 'Busy team' }],
    })
    expect(await snapshot(user.id)).toEqual(before)
    expect(
      await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { ownerId: true, archivedAt: true } }),
    ).toEqual({ ownerId: user.id, archivedAt: null })
  })

  it('lets a plain member of another team delete the account', async () => {
    const owner = await createUser()
    const team = await createTeam(owner, 'Their team', [user])
    expect((await remove({ password: TEST_PASSWORD, confirm: 'yes' })).status).toBe(302)
    expect(
      await prisma.teamMember.findMany({ where: { teamId: team.id }, select: { userId: true, role: true } }),
    ).toEqual([{ userId: owner.id, role: 'owner' }])
  })

  it('the old cookie and login no longer work afterwards', async () => {
    await remove({ password: TEST_PASSWORD, confirm: 'yes' })
    const again = await settle(() => loader(args(request('/settings/data', { cookie }))))
    expect(again.status).toBe(302)
    expect(again.headers.get('location')).toMatch(/^\/login/)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull()
    const login = await settle(() =>
      loginAction(
        args(request('/login', { form: { email: user.email, password: TEST_PASSWORD } }), {}, '198.51.100.9'),
      ),
    )
    expect(login.status).toBe(400)
    expect(login.headers.get('set-cookie')).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })
})

describe('POST /settings/data by an account without a password (signed up with GitHub or Google)', () => {
  /** A socially signed-up learner: no Password row, a GitHub account, a session signed in `minutesAgo`. */
  async function passwordless(minutesAgo = 1) {
    const user = await createUser()
    await prisma.password.delete({ where: { userId: user.id } })
    await prisma.account.create({
      data: { userId: user.id, provider: 'github', providerAccountId: `gh-${user.id}`, email: user.email },
    })
    const cookie = await cookieFor(user.id)
    const signedInAt = new Date(Date.now() - minutesAgo * 60_000)
    await prisma.session.updateMany({ where: { userId: user.id }, data: { createdAt: signedInAt } })
    return { user, cookie }
  }
  const remove = (cookie: string, form: Record<string, string>) =>
    settle(() => action(args(request('/settings/data', { cookie, form }))))
  const page = (cookie: string) =>
    loader(args(request('/settings/data', { cookie }))) as Promise<Awaited<ReturnType<typeof loader>>>
  const anonymized = async (id: string) =>
    (await prisma.user.findUniqueOrThrow({ where: { id }, select: { anonymizedAt: true } })).anonymizedAt !== null

  it('deletes the account with the e-mail address typed out (any case) after a recent sign-in', async () => {
    const { user, cookie } = await passwordless()
    expect((await page(cookie)).proof).toEqual({ kind: 'email', signedInRecently: true })
    const result = await remove(cookie, { email: ` ${user.email.toUpperCase()} `, confirm: 'yes' })
    expect(result.status).toBe(302)
    expect(await anonymized(user.id)).toBe(true)
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(0)
  })

  it.each([
    ['another address', (email: string) => ({ email: `x${email}`, confirm: 'yes' }), 400, 'email'],
    ['no address', () => ({ confirm: 'yes' }), 400, 'email'],
    ['a password instead', () => ({ password: 'anything', confirm: 'yes' }), 400, 'email'],
    ['the box not ticked', (email: string) => ({ email }), 400, 'confirm'],
  ])('refuses %s with %i naming %s, and changes nothing', async (_name, form, status, field) => {
    const { user, cookie } = await passwordless()
    const result = await remove(cookie, form(user.email))
    expect(result.status).toBe(status)
    expect(Object.keys((result.body as { fieldErrors: object }).fieldErrors)).toEqual([field])
    expect(await anonymized(user.id)).toBe(false)
  })

  it('asks for a fresh sign-in when the session is older than 15 minutes (403), and changes nothing', async () => {
    const { user, cookie } = await passwordless(16)
    expect((await page(cookie)).proof).toEqual({ kind: 'email', signedInRecently: false })
    const result = await remove(cookie, { email: user.email, confirm: 'yes' })
    expect(result.status).toBe(403)
    expect(result.body).toMatchObject({ formErrors: [expect.stringMatching(/Sign in again/)] })
    expect(await anonymized(user.id)).toBe(false)
    // signing in again (a new session) lets the learner delete the account
    const fresh = await cookieFor(user.id)
    expect((await remove(fresh, { email: user.email, confirm: 'yes' })).status).toBe(302)
    expect(await anonymized(user.id)).toBe(true)
  })

  it('keeps the password for an account that has one: the e-mail address alone does not delete it', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    expect((await page(cookie)).proof).toEqual({ kind: 'password' })
    const result = await remove(cookie, { email: user.email, confirm: 'yes' })
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as { fieldErrors: object }).fieldErrors)).toEqual(['password'])
    expect(await anonymized(user.id)).toBe(false)
  })
})
