import { describe, expect, it } from 'vitest'
import { prisma, writeBatch } from '~/utils/db.server'
import { monthsBefore } from '~/modules/system/retention.server'
import { behaviorLogStatement } from '~/modules/system/behavior-log.server'
import { newQuest } from '~/modules/quests/testing/fixtures'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { loader as retentionPage } from '~/routes/admin.retention'
import { RETENTION_JOBS, RETENTION_POLICIES, runRetentionPolicy } from './retention-policies.server'
import { SCHEDULED_JOBS } from './scheduled-jobs.server'

const NOW = new Date('2026-12-07T10:00:00Z')
const SECOND = 1000
const DAY = 24 * 60 * 60 * SECOND
const at = (instant: string | Date, deltaMs: number) => new Date(new Date(instant).getTime() + deltaMs)

/** For each policy: the instant its rows stop being kept, and a row of its table at a given instant. */
const BOUNDARIES: Record<
  string,
  { boundary: Date; make: (userId: string, at: Date) => Promise<string>; exists: (id: string) => Promise<boolean> }
> = {
  'cleanup:sessions': {
    boundary: NOW,
    make: async (userId, when) =>
      (
        await prisma.session.create({
          data: { userId, tokenHash: `h-${Math.random()}`, expirationDate: when },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.session.count({ where: { id } })) === 1,
  },
  'cleanup:verifications': {
    boundary: NOW,
    make: async (userId, when) =>
      (
        await prisma.verification.create({
          data: {
            userId,
            type: 'email_verify',
            target: `t${Math.random()}@example.com`,
            tokenHash: `v-${Math.random()}`,
            expiresAt: when,
          },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.verification.count({ where: { id } })) === 1,
  },
  'cleanup:emails': {
    boundary: at(NOW, -DAY),
    make: async (_userId, when) =>
      (
        await prisma.outboundEmail.create({
          data: { to: 'x@example.com', subject: 's', text: 't', status: 'sent', sentAt: when, createdAt: when },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.outboundEmail.count({ where: { id } })) === 1,
  },
  'retention:behavior-log': {
    boundary: new Date(monthsBefore(NOW, 12)),
    make: async (userId, when) => {
      await writeBatch([behaviorLogStatement({ userId, actionType: 'task.answered', now: when })])
      return (
        await prisma.userBehaviorLog.findFirstOrThrow({ where: { userId, createdAt: when }, select: { id: true } })
      ).id
    },
    exists: async (id) => (await prisma.userBehaviorLog.count({ where: { id } })) === 1,
  },
  'retention:notifications': {
    boundary: new Date(monthsBefore(NOW, 6)),
    make: async (userId, when) =>
      (
        await prisma.notification.create({
          data: { userId, type: 'review_due', title: 'Due', createdAt: when, eventKey: `test:${when.toISOString()}` },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.notification.count({ where: { id } })) === 1,
  },
  'retention:quest-analytics': {
    boundary: new Date(monthsBefore(NOW, 24)),
    make: async (userId, when) => {
      const quest = await newQuest(userId)
      return (
        await prisma.questAnalytics.create({
          data: { questId: quest.id, userId, createdAt: when },
          select: { id: true },
        })
      ).id
    },
    exists: async (id) => (await prisma.questAnalytics.count({ where: { id } })) === 1,
  },
  'retention:ai-suggestions': {
    boundary: new Date(monthsBefore(NOW, 3)),
    make: async (userId, when) =>
      (
        await prisma.aISuggestion.create({
          data: { userId, suggestionType: 'next_topic', suggestionData: {}, createdAt: when },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.aISuggestion.count({ where: { id } })) === 1,
  },
  'cleanup:scheduled-runs': {
    boundary: at(NOW, -7 * DAY),
    make: async (_userId, when) =>
      (
        await prisma.backgroundJob.create({
          data: { queue: 'scheduled', name: 'old.run', payload: {}, status: 'succeeded', runAt: when },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.backgroundJob.count({ where: { id } })) === 1,
  },
  'retention:runs': {
    boundary: new Date(monthsBefore(NOW, 3)),
    make: async (_userId, when) =>
      (
        await prisma.retentionRun.create({
          data: { policy: 'old', startedAt: when, finishedAt: when },
          select: { id: true },
        })
      ).id,
    exists: async (id) => (await prisma.retentionRun.count({ where: { id } })) === 1,
  },
}

describe('retention policies', () => {
  it('are one table: each policy is one exclusive hourly job, and no other job deletes old rows', () => {
    expect(Object.keys(BOUNDARIES).sort()).toEqual(RETENTION_POLICIES.map((p) => p.name).sort())
    expect(RETENTION_JOBS.map((j) => [j.name, j.exclusive, j.everyMs])).toEqual(
      RETENTION_POLICIES.map((p) => [p.name, true, 3_600_000]),
    )
    const retentionLike = SCHEDULED_JOBS.filter((j) => /^(cleanup|retention):/.test(j.name)).map((j) => j.name)
    expect(retentionLike).toEqual(RETENTION_POLICIES.map((p) => p.name))
  })

  for (const policy of RETENTION_POLICIES) {
    it(`${policy.name}: a row one second inside the window is kept, one second outside is removed, and the run is recorded`, async () => {
      const { boundary, make, exists } = BOUNDARIES[policy.name]!
      const user = await createUser()
      const inside = await make(user.id, at(boundary, SECOND))
      const outside = await make(user.id, at(boundary, -SECOND))
      expect(await runRetentionPolicy(policy, NOW)).toBe(1)
      expect(await exists(inside)).toBe(true)
      expect(await exists(outside)).toBe(false)
      const run = await prisma.retentionRun.findFirstOrThrow({
        where: { policy: policy.name },
        orderBy: { startedAt: 'desc' },
        select: { removed: true, error: true, finishedAt: true },
      })
      expect(run).toMatchObject({ removed: 1, error: null })
      expect(run.finishedAt).not.toBeNull()
    })
  }

  it('removes everything due in one run, in chunks of 2,000, and the admin page shows what it removed', async () => {
    const user = await createUser()
    const old = at(monthsBefore(NOW, 12), -DAY)
    await writeBatch(
      Array.from({ length: 4_500 }, () =>
        behaviorLogStatement({ userId: user.id, actionType: 'task.answered', now: old }),
      ),
    )
    const policy = RETENTION_POLICIES.find((p) => p.name === 'retention:behavior-log')!
    expect(await runRetentionPolicy(policy, NOW)).toBe(4_500)
    expect(await prisma.userBehaviorLog.count({ where: { userId: user.id } })).toBe(0)

    const admin = await createUser({ role: 'admin' })
    const page = (
      await settle(async () => retentionPage(args(request('/admin/retention', { cookie: await cookieFor(admin.id) }))))
    ).body as { policies: { name: string; keep: string; lastRemoved: number | null; removedLast30Days: number }[] }
    expect(page.policies.map((p) => p.name)).toEqual(RETENTION_POLICIES.map((p) => p.name))
    expect(page.policies.find((p) => p.name === 'retention:behavior-log')).toMatchObject({
      keep: '12 months',
      lastRemoved: 4_500,
    })
  })

  it('records a failed run with its error, and the scheduler sees the failure', async () => {
    const failing = {
      ...RETENTION_POLICIES[0]!,
      name: 'retention:test-failure',
      delete: () => Promise.reject(new Error('disk full')),
    }
    await expect(runRetentionPolicy(failing, NOW)).rejects.toThrow('disk full')
    expect(
      await prisma.retentionRun.findFirstOrThrow({
        where: { policy: 'retention:test-failure' },
        select: { removed: true, error: true },
      }),
    ).toEqual({ removed: 0, error: 'Error: disk full' })
  })
})
