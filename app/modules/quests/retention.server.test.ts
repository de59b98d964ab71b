import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { deleteOldQuestAnalytics } from './retention.server'
import { newQuest } from './testing/fixtures'

describe('quest analytics retention', () => {
  it('deletes analytics older than 24 months, keeps newer ones, and counts what it removed', async () => {
    const user = await createUser()
    const now = new Date('2026-03-02T10:00:00Z')
    const ages = ['2024-03-02T09:59:59Z', '2023-01-01T00:00:00Z', '2024-03-02T10:00:01Z', '2026-03-01T00:00:00Z']
    for (const createdAt of ages) {
      const quest = await newQuest(user.id)
      await prisma.questAnalytics.create({
        data: { questId: quest.id, userId: user.id, createdAt: new Date(createdAt) },
      })
    }
    expect(await deleteOldQuestAnalytics(now)).toBe(2)
    expect(
      (await prisma.questAnalytics.findMany({ select: { createdAt: true } })).map((r) => r.createdAt.toISOString()),
    ).toEqual(expect.arrayContaining(['2024-03-02T10:00:01.000Z', '2026-03-01T00:00:00.000Z']))
    expect(await deleteOldQuestAnalytics(now)).toBe(0)
  })
})
