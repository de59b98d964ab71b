import { describe, expect, it } from 'vitest'
import { addCard, createSubject } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { answerSuggestion, openSuggestions, refreshSuggestions } from './suggestions.server'

const DAY = 86_400_000

async function learnerWithDueReviews() {
  const subject = await createSubject({ topics: 1 })
  const topic = subject.topics[0]!
  const user = await createUser()
  await addCard(user.id, topic.taskIds[0]!, topic.id, new Date(Date.now() - DAY))
  return { user, topic }
}

describe('AI suggestions', () => {
  it('suggests reviewing a topic with due cards, once however often it is refreshed', async () => {
    const { user, topic } = await learnerWithDueReviews()
    const now = new Date()
    expect(await refreshSuggestions(user.id, now)).toBe(1)
    expect(await refreshSuggestions(user.id, now)).toBe(0)
    const open = await openSuggestions(user.id, now)
    expect(open).toMatchObject([{ type: 'review_now', href: '/reviews' }])
    expect(open[0]!.title).toContain(topic.title)
    expect(await prisma.aISuggestion.count({ where: { userId: user.id } })).toBe(1)
  })

  it('accepts and dismisses only the owner’s open suggestions', async () => {
    const { user } = await learnerWithDueReviews()
    const other = await createUser()
    const now = new Date()
    await refreshSuggestions(user.id, now)
    const [s] = await openSuggestions(user.id, now)
    await expect(answerSuggestion(other.id, s!.id, true, now)).rejects.toBeInstanceOf(NotFound)
    expect((await prisma.aISuggestion.findUniqueOrThrow({ where: { id: s!.id } })).wasAccepted).toBeNull()
    expect(await answerSuggestion(user.id, s!.id, false, now)).toEqual({ href: '/reviews' })
    expect((await prisma.aISuggestion.findUniqueOrThrow({ where: { id: s!.id } })).wasAccepted).toBe(false)
    expect(await openSuggestions(user.id, now)).toEqual([])
    await expect(answerSuggestion(user.id, s!.id, true, now)).rejects.toBeInstanceOf(NotFound)
    // dismissed: not proposed again while it would still have been open, proposed afresh after
    expect(await refreshSuggestions(user.id, new Date(now.getTime() + DAY))).toBe(0)
    expect(await openSuggestions(user.id, new Date(now.getTime() + DAY))).toEqual([])
    expect(await refreshSuggestions(user.id, new Date(now.getTime() + 8 * DAY))).toBe(1)
  })

  it('does not show or answer an expired suggestion', async () => {
    const { user } = await learnerWithDueReviews()
    const now = new Date()
    await refreshSuggestions(user.id, now)
    const later = new Date(now.getTime() + 8 * DAY)
    expect(await openSuggestions(user.id, later)).toEqual([])
    await expect(
      answerSuggestion(
        user.id,
        (await prisma.aISuggestion.findFirstOrThrow({ where: { userId: user.id } })).id,
        true,
        later,
      ),
    ).rejects.toBeInstanceOf(NotFound)
  })
})
