import { describe, expect, it, vi } from 'vitest'
import type { Plan } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import type * as Plans from './plans'
import { AI_LIMIT_MESSAGE } from './usage'
import { answerFor } from '~/utils/http.server'
import {
  aiLimitReached,
  monthlyAiAllowance,
  recordAiUsage,
  requireAiRequest,
  reserveAiRequest,
  usageThisMonth,
} from './usage.server'

// Allowances of our own, so the tests do not depend on the product's numbers (the rest of plans.ts stays real).
const ALLOWANCE = vi.hoisted((): Record<string, number | null> => ({ basic: 25, premium: 100, team: null }))
vi.mock('./plans', async (importOriginal) => {
  const plans = await importOriginal<typeof Plans>()
  return {
    ...plans,
    entitlementsFor: (plan: Plan) => ({ ...plans.entitlementsFor(plan), aiRequestsPerMonth: ALLOWANCE[plan] }),
  }
})
const LIMIT = 25
const PREMIUM_LIMIT = 100
const UNLIMITED_PLAN: Plan = 'team'

/** A learner on `plan`, by a subscription that grants it (the allowance reads the subscriptions). */
async function learner(plan: Plan = 'basic') {
  const user = await createUser()
  if (plan !== 'basic') await subscribe(user.id, plan)
  return user
}

async function subscribe(userId: string, plan: Exclude<Plan, 'basic'>, periodEnd: Date | null = null) {
  const teamId =
    plan === 'team'
      ? (
          await prisma.team.create({
            data: { name: 'Paid', ownerId: userId, members: { create: [{ userId, role: 'owner' }] } },
            select: { id: true },
          })
        ).id
      : null
  await prisma.subscription.create({
    data: {
      polarSubscriptionId: `sub-${userId}-${plan}`,
      polarCustomerId: 'cus',
      productId: plan,
      userId,
      teamId,
      type: plan === 'team' ? 'team' : 'individual',
      plan,
      amountCents: 900,
      status: 'active',
      currentPeriodEnd: periodEnd,
      cancelAtPeriodEnd: periodEnd !== null,
    },
    select: { id: true },
  })
}

const monthRow = (userId: string, usageMonth: string) =>
  prisma.aIUsageMonthly.findUnique({
    where: { userId_usageMonth: { userId, usageMonth } },
    select: { requests: true, tokens: true, costInCents: true },
  })

const JAN_END = new Date('2026-01-31T23:59:59.999Z')
const FEB_START = new Date('2026-02-01T00:00:00.000Z')

describe('reserveAiRequest', () => {
  it('admits exactly the allowance out of 40 simultaneous requests', async () => {
    const user = await learner()
    expect(await monthlyAiAllowance(user.id)).toBe(LIMIT)
    const answers = await Promise.all(Array.from({ length: 40 }, () => reserveAiRequest(user.id, JAN_END)))
    const admitted = answers.filter((a) => a.ok)
    expect(admitted).toHaveLength(LIMIT)
    expect(admitted.map((a) => a.used).sort((a, b) => a - b)).toEqual(Array.from({ length: LIMIT }, (_, i) => i + 1))
    expect(answers.filter((a) => !a.ok)).toEqual(
      Array(15).fill({ ok: false, used: LIMIT, limit: LIMIT, message: AI_LIMIT_MESSAGE }),
    )
    expect(await monthRow(user.id, '2026-01')).toEqual({ requests: LIMIT, tokens: 0, costInCents: 0 })
  })

  it('admits exactly the allowance when the requests come through two app instances with their own database connections', async () => {
    const user = await learner()
    const other = await secondInstance()
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? reserveAiRequest : other.reserveAiRequest)(user.id, JAN_END)),
      )
      expect(answers.filter((a) => a.ok)).toHaveLength(LIMIT)
      expect(await monthRow(user.id, '2026-01')).toMatchObject({ requests: LIMIT })
    } finally {
      await other.disconnect()
    }
  })
  it('starts every user at 0 in a new month (the month turns at midnight UTC)', async () => {
    const user = await learner()
    for (let i = 0; i < LIMIT; i++) await reserveAiRequest(user.id, JAN_END)
    expect(await reserveAiRequest(user.id, JAN_END)).toMatchObject({ ok: false, used: LIMIT })
    expect(await reserveAiRequest(user.id, FEB_START)).toEqual({
      ok: true,
      usageMonth: '2026-02',
      used: 1,
      limit: LIMIT,
    })
    expect(await monthRow(user.id, '2026-01')).toMatchObject({ requests: LIMIT })
    expect(await monthRow(user.id, '2026-02')).toMatchObject({ requests: 1 })
  })

  it('counts each user on their own: one user at the limit does not hold back another', async () => {
    const [full, other] = [await learner(), await learner()]
    await Promise.all(Array.from({ length: LIMIT + 5 }, () => reserveAiRequest(full.id, JAN_END)))
    expect(await reserveAiRequest(other.id, JAN_END)).toEqual({
      ok: true,
      usageMonth: '2026-01',
      used: 1,
      limit: LIMIT,
    })
    expect(await monthRow(full.id, '2026-01')).toMatchObject({ requests: LIMIT })
  })

  it('refuses, counting nothing, when a lowered allowance is already below this month’s usage', async () => {
    const user = await learner()
    await reserveAiRequest(user.id, JAN_END)
    await prisma.aIUsageMonthly.update({
      where: { userId_usageMonth: { userId: user.id, usageMonth: '2026-01' } },
      data: { requests: LIMIT + 3 },
      select: { requests: true },
    })
    expect(await reserveAiRequest(user.id, JAN_END)).toEqual({
      ok: false,
      used: LIMIT + 3,
      limit: LIMIT,
      message: AI_LIMIT_MESSAGE,
    })
    expect(await monthRow(user.id, '2026-01')).toMatchObject({ requests: LIMIT + 3 })
  })

  it('admits every request of an unlimited plan', async () => {
    const user = await learner(UNLIMITED_PLAN)
    expect(await monthlyAiAllowance(user.id)).toBeNull()
    const answers = await Promise.all(Array.from({ length: 40 }, () => reserveAiRequest(user.id, JAN_END)))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(await monthRow(user.id, '2026-01')).toMatchObject({ requests: 40 })
  })

  it('follows the user’s plan', async () => {
    const user = await learner()
    for (let i = 0; i < LIMIT; i++) await reserveAiRequest(user.id, JAN_END)
    await subscribe(user.id, 'premium')
    expect(await reserveAiRequest(user.id, JAN_END)).toMatchObject({ ok: true, used: LIMIT + 1, limit: PREMIUM_LIMIT })
  })

  it('falls back to the free allowance the moment a canceled period ends, before any refresh of the cached plan', async () => {
    const user = await createUser()
    await subscribe(user.id, 'premium', new Date('2026-01-20T00:00:00Z'))
    await prisma.user.update({
      where: { id: user.id },
      data: { plan: 'premium', isSubscribed: true },
      select: { id: true },
    })
    expect(await monthlyAiAllowance(user.id, new Date('2026-01-19T00:00:00Z'))).toBe(PREMIUM_LIMIT)
    expect(await monthlyAiAllowance(user.id, new Date('2026-01-20T00:00:01Z'))).toBe(LIMIT)
  })
})

describe('the 429 answer', () => {
  it('tells an API caller the limit, what was used and where to upgrade', async () => {
    const user = await learner()
    await Promise.all(Array.from({ length: LIMIT }, () => reserveAiRequest(user.id, JAN_END)))
    const refusal = await reserveAiRequest(user.id, JAN_END)
    if (refusal.ok) throw new Error('expected a refusal')
    const answer = answerFor(aiLimitReached(refusal))
    expect(answer?.status).toBe(429)
    expect(answer?.body).toEqual({
      error: 'Monthly AI limit reached — upgrade for more',
      limit: LIMIT,
      used: LIMIT,
      upgradeUrl: '/billing',
    })
    const thrown = await requireAiRequest(user.id, JAN_END).catch((e: unknown) => e)
    expect(answerFor(thrown)?.status).toBe(429)
    expect(await requireAiRequest(user.id, FEB_START)).toMatchObject({ ok: true, usageMonth: '2026-02', used: 1 })
  })
})

describe('recordAiUsage and usageThisMonth', () => {
  it('writes the AIUsage row and adds its tokens and cost to the month, without counting a request', async () => {
    const [user, other] = [await learner(), await learner()]
    const reserved = await reserveAiRequest(user.id, JAN_END)
    if (!reserved.ok) throw new Error('expected a reservation')
    // the answer arrives after midnight on the 1st: it still belongs to the month it was reserved in
    const { id } = await recordAiUsage({
      userId: user.id,
      tokens: 150,
      costInCents: 2,
      prompt: 'What is a fraction?',
      response: 'A part of a whole.',
      model: 'openai:gpt-4o-mini',
      success: true,
      type: 'tutor',
      usageMonth: reserved.usageMonth,
      now: FEB_START,
    })
    await recordAiUsage({
      userId: user.id,
      tokens: 30,
      costInCents: 1,
      success: false,
      errorMessage: 'timeout',
      now: JAN_END,
    })
    await recordAiUsage({ userId: other.id, tokens: 1000, costInCents: 40, success: true, now: JAN_END })

    expect(await monthRow(user.id, '2026-01')).toEqual({ requests: 1, tokens: 180, costInCents: 3 })
    expect(await monthRow(user.id, '2026-02')).toBeNull()
    expect(await monthRow(other.id, '2026-01')).toEqual({ requests: 0, tokens: 1000, costInCents: 40 })
    const row = await prisma.aIUsage.findUniqueOrThrow({
      where: { id },
      select: {
        userId: true,
        type: true,
        model: true,
        prompt: true,
        response: true,
        tokensUsed: true,
        costInCents: true,
        success: true,
        errorMessage: true,
        usageMonth: true,
        createdAt: true,
      },
    })
    expect(row).toEqual({
      userId: user.id,
      type: 'tutor',
      model: 'openai:gpt-4o-mini',
      prompt: 'What is a fraction?',
      response: 'A part of a whole.',
      tokensUsed: 150,
      costInCents: 2,
      success: true,
      errorMessage: null,
      usageMonth: '2026-01',
      createdAt: FEB_START,
    })
    expect(
      await prisma.aIUsage.findMany({
        where: { userId: user.id, success: false },
        select: { prompt: true, errorMessage: true, response: true },
      }),
    ).toEqual([{ prompt: '', errorMessage: 'timeout', response: null }])

    expect(await usageThisMonth(user.id, { now: JAN_END })).toEqual({
      usageMonth: '2026-01',
      requests: 1,
      tokens: 180,
      costInCents: 3,
      limit: LIMIT,
      remaining: LIMIT - 1,
      resetsAt: '2026-02-01T00:00:00.000Z',
    })
    expect(await usageThisMonth(user.id, { now: FEB_START })).toMatchObject({
      usageMonth: '2026-02',
      requests: 0,
      tokens: 0,
      costInCents: 0,
      remaining: LIMIT,
    })
  })

  it.each([
    ['negative tokens', { tokens: -1, costInCents: 0 }],
    ['fractional cost', { tokens: 1, costInCents: 0.5 }],
  ])('refuses %s and writes nothing', async (_what, amounts) => {
    const user = await learner()
    await expect(recordAiUsage({ userId: user.id, success: true, ...amounts })).rejects.toThrow(RangeError)
    expect(await prisma.aIUsage.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.aIUsageMonthly.count({ where: { userId: user.id } })).toBe(0)
  })
})

/**
 * A second copy of the module graph, as another app instance would have: its own
 * usage module, Prisma client and libSQL connection (the database file spelled
 * differently gives a separate entry in the per-process connection registry), so
 * no lock of ours is shared with the first copy — only the database file is.
 */
async function secondInstance() {
  const original = process.env.DATABASE_URL!
  const registry = (globalThis as { __questlogDatabases?: Map<string, unknown> }).__questlogDatabases!
  const before = registry.size
  process.env.DATABASE_URL = original.replace(/\/([^/]+)$/, '/./$1')
  vi.resetModules()
  try {
    const usage = await import('./usage.server')
    const db = await import('~/utils/db.server')
    await db.databaseReady()
    expect(registry.size, 'a second connection').toBe(before + 1)
    return { reserveAiRequest: usage.reserveAiRequest, disconnect: db.disconnectDatabase }
  } finally {
    process.env.DATABASE_URL = original
  }
}
