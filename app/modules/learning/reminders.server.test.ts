import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { sendReviewsDueReminders, sendStreakAtRiskReminders } from './reminders.server'
import { addCard, createSubject, setClock, setStreak } from './testing/read-side'

const notificationsOf = (userIds: string[]) =>
  prisma.notification.findMany({
    where: { userId: { in: userIds } },
    select: { userId: true, type: true, eventKey: true, title: true, link: true, expiresAt: true },
    orderBy: { userId: 'asc' },
  })

async function learner(timezone: string, dayStartHour = 4) {
  const user = await createUser()
  await setClock(user.id, timezone, dayStartHour)
  return user.id
}

describe('reviews due', () => {
  it('reminds each learner with cards due once per learner day, after 09:00 local', async () => {
    const now = new Date('2026-12-07T10:00:00Z')
    const subject = await createSubject({ topics: 1, tasks: 3 })
    const topic = subject.topics[0]!
    const yesterday = new Date('2026-12-06T08:00:00Z')
    const [utc, auckland, newYork, nothingDue, retired] = [
      await learner('UTC'),
      await learner('Pacific/Auckland'), // 23:00 there
      await learner('America/New_York'), // 05:00 there: not yet
      await learner('UTC'),
      await learner('UTC'),
    ]
    for (const taskId of topic.taskIds.slice(0, 2)) await addCard(utc, taskId, topic.id, yesterday)
    await addCard(auckland, topic.taskIds[0]!, topic.id, yesterday)
    await addCard(newYork, topic.taskIds[0]!, topic.id, yesterday)
    await addCard(nothingDue, topic.taskIds[0]!, topic.id, new Date('2026-12-08T08:00:00Z'))
    // a card of a retired task is not in the review queue
    const other = await createSubject({ topics: 1, tasks: 1 })
    await addCard(retired, other.topics[0]!.taskIds[0]!, other.topics[0]!.id, yesterday)
    await prisma.task.update({ where: { id: other.topics[0]!.taskIds[0]! }, data: { active: false } })

    // a batch of one walks the keyset learner by learner
    await sendReviewsDueReminders(now, 1)
    await sendReviewsDueReminders(new Date(now.getTime() + 15 * 60_000))
    const rows = await notificationsOf([utc, auckland, newYork, nothingDue, retired])
    expect(rows.map((r) => [r.userId, r.type, r.eventKey, r.title, r.link])).toEqual(
      [
        [utc, 'review_due', 'reviews-due:2026-12-07', '2 reviews are due', '/reviews'],
        [auckland, 'review_due', 'reviews-due:2026-12-07', '1 review is due', '/reviews'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )
    // stale once the learner day is over (04:00 the next morning)
    expect(rows.find((r) => r.userId === utc)!.expiresAt).toEqual(new Date('2026-12-08T04:00:00Z'))

    // New York's 09:00 comes; the next day brings the next reminder for the others
    await sendReviewsDueReminders(new Date('2026-12-07T14:05:00Z'))
    await sendReviewsDueReminders(new Date('2026-12-08T14:05:00Z'))
    const later = await notificationsOf([utc, newYork])
    expect(later.map((r) => [r.userId, r.eventKey]).sort()).toEqual(
      [
        [utc, 'reviews-due:2026-12-07'],
        [utc, 'reviews-due:2026-12-08'],
        [newYork, 'reviews-due:2026-12-07'],
        [newYork, 'reviews-due:2026-12-08'],
      ].sort(),
    )
  })
})

describe('streak at risk', () => {
  it('warns a learner whose daily streak would end tonight, once per learner day, after 18:00 local', async () => {
    const now = new Date('2026-12-07T19:00:00Z')
    const [atRisk, doneToday, frozen, freezeUsedUp, tokyo, newYork, weekly] = [
      await learner('UTC'),
      await learner('UTC'),
      await learner('UTC'),
      await learner('UTC'),
      await learner('Asia/Tokyo'), // 04:00 on the 8th: a new learner day, its 18:00 far off
      await learner('America/New_York'), // 14:00
      await learner('UTC'),
    ]
    await setStreak(atRisk, 'daily', { currentCount: 5, lastActivityDate: '2026-12-06' })
    await setStreak(doneToday, 'daily', { currentCount: 6, lastActivityDate: '2026-12-07' })
    await setStreak(frozen, 'daily', { currentCount: 9, lastActivityDate: '2026-12-06', freezesHeld: 1 })
    await setStreak(freezeUsedUp, 'daily', { currentCount: 3, lastActivityDate: '2026-12-05', freezesHeld: 1 })
    await setStreak(tokyo, 'daily', { currentCount: 4, lastActivityDate: '2026-12-07' })
    await setStreak(newYork, 'daily', { currentCount: 4, lastActivityDate: '2026-12-06' })
    await setStreak(weekly, 'weekly', { currentCount: 4, lastActivityDate: '2026-11-30' })

    await sendStreakAtRiskReminders(now, 1)
    await sendStreakAtRiskReminders(new Date(now.getTime() + 15 * 60_000))
    const everyone = [atRisk, doneToday, frozen, freezeUsedUp, tokyo, newYork, weekly]
    const rows = await notificationsOf(everyone)
    expect(rows.map((r) => [r.userId, r.type, r.eventKey, r.title, r.link])).toEqual(
      [
        [atRisk, 'streak_at_risk', 'streak-at-risk:2026-12-07', 'Your 5-day streak is at risk', '/learn'],
        [freezeUsedUp, 'streak_at_risk', 'streak-at-risk:2026-12-07', 'Your 3-day streak is at risk', '/learn'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )

    // 18:00 in New York
    await sendStreakAtRiskReminders(new Date('2026-12-07T23:10:00Z'))
    expect((await notificationsOf([newYork])).map((r) => r.eventKey)).toEqual(['streak-at-risk:2026-12-07'])
  })
})
