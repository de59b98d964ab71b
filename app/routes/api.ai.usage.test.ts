import { describe, expect, it } from 'vitest'
import { entitlementsFor } from '~/modules/billing/plans'
import { usageMonth, usageMonthEnd } from '~/modules/billing/usage'
import { monthlyAiAllowance, recordAiUsage, reserveAiRequest } from '~/modules/billing/usage.server'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { prisma } from '~/utils/db.server'
import { loader } from './api.ai.usage'

const get = (cookie?: string) => callApi(loader, '/api/ai/usage', { cookie })

describe('GET /api/ai/usage', () => {
  it('answers 401 JSON when signed out', async () => {
    const answer = await get()
    expect(answer).toMatchObject({ status: 401, body: { error: expect.any(String) } })
    expect(answer.headers.get('location')).toBeNull()
  })

  it('answers zero usage and the plan’s allowance before the first AI request, writing nothing', async () => {
    const user = await signedIn()
    const limit = entitlementsFor('basic').aiRequestsPerMonth
    const month = usageMonth(new Date())
    const answer = await get(user.cookie)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.body).toEqual({
      usageMonth: month,
      requests: 0,
      tokens: 0,
      costInCents: 0,
      limit,
      remaining: limit,
      resetsAt: usageMonthEnd(month).toISOString(),
    })
    expect(await prisma.aIUsageMonthly.count({ where: { userId: user.id } })).toBe(0)
  })

  it('answers this month’s requests, tokens and cost of the signed-in user only', async () => {
    const [user, other] = [await signedIn(), await signedIn()]
    const limit = await monthlyAiAllowance(user.id)
    for (const who of [user, user, other]) expect((await reserveAiRequest(who.id)).ok).toBe(true)
    await recordAiUsage({ userId: user.id, tokens: 120, costInCents: 3, success: true, prompt: 'What is a fraction?' })
    await recordAiUsage({ userId: other.id, tokens: 999, costInCents: 50, success: true })
    // last month's usage does not count
    const lastMonth = new Date(usageMonthEnd(usageMonth(new Date())).getTime() - 40 * 86_400_000)
    await reserveAiRequest(user.id, lastMonth)

    const answer = await get(user.cookie)
    expect(answer.body).toMatchObject({
      requests: 2,
      tokens: 120,
      costInCents: 3,
      limit,
      remaining: limit === null ? null : limit - 2,
    })
    expect(answer.text).not.toContain(other.id)
  })

  it('answers the allowance of the user’s current plan', async () => {
    const user = await signedIn()
    await prisma.subscription.create({
      data: {
        polarSubscriptionId: `sub-${user.id}`,
        polarCustomerId: 'cus',
        productId: 'local-premium',
        userId: user.id,
        type: 'individual',
        plan: 'premium',
        amountCents: 900,
        status: 'active',
      },
      select: { id: true },
    })
    const limit = entitlementsFor('premium').aiRequestsPerMonth
    expect((await get(user.cookie)).body).toMatchObject({ requests: 0, limit, remaining: limit })
  })
})
