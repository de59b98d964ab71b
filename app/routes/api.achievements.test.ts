import { beforeEach, describe, expect, it } from 'vitest'
import { evaluateAchievements } from '~/modules/achievements/evaluate.server'
import { clearAchievements, createAchievement, totalXp } from '~/modules/achievements/testing/fixtures'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { addXp } from '~/modules/learning/testing/read-side'
import { databaseSnapshot } from '#tests/support/database'
import { loader } from './api.achievements'

const get = (cookie?: string, query = '') => callApi(loader, `/api/achievements${query}`, { cookie })

beforeEach(async () => {
  await clearAchievements()
  await createAchievement('first', totalXp(1), { xpReward: 5, rarity: 'rare', icon: '🌱' })
  await createAchievement('century', totalXp(100))
  await createAchievement('secret', totalXp(50), { isHidden: true, rarity: 'epic' })
})

describe('GET /api/achievements', () => {
  it('answers 401 JSON when signed out', async () => {
    const answer = await get()
    expect(answer).toMatchObject({ status: 401, body: { error: expect.any(String) } })
    expect(answer.headers.get('location')).toBeNull()
  })

  it('answers the learner’s trophy case: earned with date, locked with progress, hidden as "???"; it writes nothing', async () => {
    const me = await signedIn()
    await addXp(me.id, '2026-01-01', 60)
    await evaluateAchievements(me.id, new Date())
    const before = await databaseSnapshot()
    const answer = await get(me.cookie)
    expect(await databaseSnapshot()).toEqual(before)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.body).toMatchObject({
      earned: [
        {
          key: 'first',
          name: 'Name of first',
          icon: '🌱',
          rarity: 'rare',
          xpReward: 5,
          unlockedAt: expect.any(String),
        },
        { key: 'secret', name: 'Name of secret' },
      ],
      locked: [
        {
          key: 'century',
          progress: { current: 65, target: 100, percent: 65, label: '65 / 100 XP' },
          share: { holders: 0, activeLearners: expect.any(Number), percent: 0 },
        },
      ],
      hidden: [],
      counts: { earned: 2, total: 3 },
    })
  })

  it('shows one learner none of another’s unlocks or progress, whatever the query says', async () => {
    const [x, y] = [await signedIn(), await signedIn()]
    await addXp(x.id, '2026-01-01', 73)
    await evaluateAchievements(x.id, new Date())

    for (const query of ['', `?userId=${x.id}`, `?user=${x.username}`]) {
      const theirs = await get(y.cookie, query)
      expect(theirs.status).toBe(200)
      expect(theirs.body.earned).toEqual([])
      expect(theirs.body.locked).toMatchObject([
        { key: 'century', progress: { current: 0, target: 100 } },
        { key: 'first', progress: { current: 0, target: 1 } },
      ])
      // Y sees the secret only as "???", although X holds it
      expect(theirs.body.hidden).toEqual([{ name: '???', rarity: 'epic', share: expect.any(Object) }])
      const text = JSON.stringify(theirs.body)
      for (const trace of [x.id, x.email, x.username, '78 / 100', 'Name of secret']) expect(text).not.toContain(trace)
    }
    // X's own answer holds X's progress (73 XP + 5 for "first")
    expect((await get(x.cookie)).body.locked).toMatchObject([{ key: 'century', progress: { current: 78 } }])
  })
})
