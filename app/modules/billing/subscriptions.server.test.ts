import { describe, expect, it } from 'vitest'
import { createUser } from '#tests/support/accounts'
import { PLANS, canUse, entitlementsFor } from './plans'
import { ACCESS_CASES, accessFacts } from '#tests/support/billing-access-cases'
import { accessArgs, accessSql, effectivePlan, refreshLapsedAccess, refreshPlans } from './subscriptions.server'
import { databaseReady, prisma } from '~/utils/db.server'
import { teamSeatLimitStatement } from '~/modules/teams/statements.server'

describe('PlanEntitlement rows (migration) agree with plans.ts', () => {
  it.each(PLANS)('%s', async (plan) => {
    const row = await prisma.planEntitlement.findUniqueOrThrow({
      where: { plan },
      select: {
        aiRequestsPerMonth: true,
        aiTokensPerMonth: true,
        aiCostCentsPerMonth: true,
        maxDocuments: true,
        voiceTutor: true,
        teams: true,
        features: true,
      },
    })
    const { features, ...limits } = entitlementsFor(plan)
    const { voiceTutor, teams, ...otherFeatures } = features
    expect({ ...row, features: row.features }).toEqual({ ...limits, voiceTutor, teams, features: otherFeatures })
    expect(canUse(plan, 'voiceTutor')).toBe(row.voiceTutor)
  })
})

describe('accessSql is effectiveAccess in SQL', () => {
  it.each(ACCESS_CASES)('%s → %s', async (_name, status, o, now, expected) => {
    const user = await createUser()
    const facts = accessFacts(status, o)
    const sub = await prisma.subscription.create({
      data: {
        polarSubscriptionId: `sql-${Math.random()}`,
        polarCustomerId: 'c',
        productId: 'p',
        userId: user.id,
        type: 'individual',
        plan: 'premium',
        amountCents: 900,
        ...facts,
      },
      select: { id: true },
    })
    const db = await databaseReady()
    const result = await db.execute({
      sql: `SELECT ${accessSql('s')} AS "access" FROM "Subscription" s WHERE s."id" = :id`,
      args: { id: sub.id, ...accessArgs(now) },
    })
    expect(Boolean(result.rows[0]!.access)).toBe(expected)
  })
})

describe('refreshPlans', () => {
  it('recomputes the cached plan of a user who joined a subscribed team', async () => {
    const owner = await createUser()
    const joiner = await createUser()
    const team = await prisma.team.create({
      data: { name: 'T', ownerId: owner.id, members: { create: [{ userId: owner.id, role: 'owner' }] } },
      select: { id: true },
    })
    const now = new Date('2026-11-15T00:00:00Z')
    await prisma.subscription.create({
      data: {
        polarSubscriptionId: 'team-sub',
        polarCustomerId: 'c',
        productId: 'p',
        teamId: team.id,
        type: 'team',
        plan: 'team',
        amountCents: 2100,
        seats: 3,
        status: 'active',
        currentPeriodEnd: new Date('2026-12-01T00:00:00Z'),
      },
      select: { id: true },
    })
    await prisma.teamMember.create({ data: { teamId: team.id, userId: joiner.id }, select: { id: true } })
    expect(await effectivePlan(joiner.id, now)).toBe('team')
    await refreshPlans([joiner.id], now)
    expect(
      await prisma.user.findUniqueOrThrow({ where: { id: joiner.id }, select: { plan: true, isSubscribed: true } }),
    ).toEqual({ plan: 'team', isSubscribed: true })
    await refreshPlans([])
  })
})

describe('refreshLapsedAccess (hourly)', () => {
  it('downgrades a subscriber and a team whose canceled period ran out without a webhook, and nobody else', async () => {
    const lapsed = await createUser()
    const paying = await createUser()
    const periodEnd = new Date('2026-12-01T00:00:00Z')
    const team = await prisma.team.create({
      data: {
        name: 'T',
        ownerId: lapsed.id,
        seatLimit: 9,
        members: { create: [{ userId: lapsed.id, role: 'owner' }] },
      },
      select: { id: true },
    })
    const common = { polarCustomerId: 'c', productId: 'p', amountCents: 900, currentPeriodEnd: periodEnd }
    await prisma.subscription.createMany({
      data: [
        {
          ...common,
          polarSubscriptionId: `lapse-${lapsed.id}`,
          userId: lapsed.id,
          type: 'individual',
          plan: 'premium',
          status: 'active',
          cancelAtPeriodEnd: true,
        },
        {
          ...common,
          polarSubscriptionId: `lapse-team-${team.id}`,
          userId: lapsed.id,
          teamId: team.id,
          type: 'team',
          plan: 'team',
          seats: 9,
          status: 'canceled',
        },
        {
          ...common,
          polarSubscriptionId: `keep-${paying.id}`,
          userId: paying.id,
          type: 'individual',
          plan: 'premium',
          status: 'active',
          currentPeriodEnd: new Date('2027-01-01T00:00:00Z'),
        },
      ],
    })
    await refreshPlans([lapsed.id, paying.id], new Date('2026-11-20T00:00:00Z'))
    const plan = (id: string) =>
      prisma.user.findUniqueOrThrow({ where: { id }, select: { plan: true, isSubscribed: true } })
    expect(await plan(lapsed.id)).toEqual({ plan: 'premium', isSubscribed: true })

    await refreshLapsedAccess(teamSeatLimitStatement, new Date('2026-12-01T00:30:00Z'))
    expect(await plan(lapsed.id)).toEqual({ plan: 'basic', isSubscribed: false })
    expect(await plan(paying.id)).toEqual({ plan: 'premium', isSubscribed: true })
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 5,
    })
  })
})
