import { beforeEach, describe, expect, it } from 'vitest'
import { evaluateAchievements } from '~/modules/achievements/evaluate.server'
import { clearAchievements, createAchievement, totalXp } from '~/modules/achievements/testing/fixtures'
import { signedIn } from '~/modules/learning/testing/api'
import { addXp } from '~/modules/learning/testing/read-side'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { args, request, settle } from '#tests/support/accounts'
import { prisma } from '~/utils/db.server'
import * as route from './achievements'
import * as dashboard from './learn._index'

const page = route as unknown as PageModule
const open = (cookie?: string) => settle(() => route.loader(args(request('/achievements', { cookie }))))

beforeEach(async () => {
  await clearAchievements()
  await createAchievement('first', totalXp(1), { xpReward: 5, rarity: 'rare', icon: '🌱' })
  await createAchievement('century', totalXp(100), { rarity: 'epic', category: 'xp' })
  await createAchievement('secret', totalXp(5000), { isHidden: true, rarity: 'legendary' })
  await createAchievement('winter', totalXp(1000), { season: { start: '12-01', end: '12-31' }, category: 'seasonal' })
})

describe('GET /achievements (the trophy page)', () => {
  it('sends a signed-out visitor to log in', async () => {
    const answer = await open()
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('/login?redirectTo=%2Fachievements')
  })

  it('shows earned trophies with their date, locked ones with a labelled progress bar, secrets as ??? and the rarity share', async () => {
    const me = await signedIn()
    await addXp(me.id, '2026-01-01', 35)
    await evaluateAchievements(me.id, new Date())
    const { status, html } = await renderPage(page, '/achievements', request('/achievements', { cookie: me.cookie }))
    expect(status).toBe(200)
    expect(html).toContain('Your trophies')
    expect(html).toMatch(/Earned on <time dateTime="[^"]+">[^<]+<\/time>/)
    expect(html).toContain('Name of first')
    // the locked one: a progressbar named after it, its numbers in words
    expect(html).toMatch(/role="progressbar" aria-label="Name of century: progress"[^>]*aria-valuenow="40"/)
    expect(html).toContain('aria-valuetext="40 / 100 XP (40%)"')
    expect(html).toMatch(/held by \d+ % of active learners/)
    expect(html).toContain('every year from 1 December to 31 December')
    // the secret: "???" and its rarity, nothing else
    expect(html).toContain('???')
    expect(html).toContain('Legendary')
    expect(html).not.toContain('Name of secret')
    expect(html).not.toContain('Description of secret')
    // a page of note: the visit is in the behaviour log
    const visits = await prisma.userBehaviorLog.findMany({
      where: { userId: me.id, actionType: 'page.viewed' },
      select: { actionData: true, sessionId: true },
    })
    expect(visits).toEqual([{ actionData: { page: 'trophies' }, sessionId: expect.any(String) }])
  })

  it('puts the latest unlocks on the dashboard', async () => {
    const me = await signedIn()
    const empty = await renderPage(
      dashboard as unknown as PageModule,
      '/learn',
      request('/learn', { cookie: me.cookie }),
    )
    expect(empty.html).toContain('Recent achievements')
    expect(empty.html).toContain('None yet')
    await addXp(me.id, '2026-01-01', 10)
    await evaluateAchievements(me.id, new Date())
    const { html } = await renderPage(
      dashboard as unknown as PageModule,
      '/learn',
      request('/learn', { cookie: me.cookie }),
    )
    expect(html).toContain('Recent achievements')
    expect(html).toContain('Name of first')
    expect(html).toContain('href="/achievements"')
  })
})
