import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { createTopic, rightAnswer } from '~/modules/learning/testing/fixtures'
import { submitAnswer } from '~/modules/learning/submission.server'
import { CHALLENGE_JOBS } from '~/modules/challenges/jobs.server'
import { createScheduler } from '~/modules/system/scheduled-jobs.server'
import { prisma } from '~/utils/db.server'
import { createUser, sessionUserOf } from '#tests/support/accounts'
import { badgesFor } from './badge-rules'
import { challengeAccess, joinChallenge } from './challenges.server'
import { finalizeChallenge, finalizeEndedChallenges } from './finalize.server'
import { withChallengeScoring } from './scoring.server'
import { DAY, HOUR, createChallengeRow, scores } from './testing/fixtures'

const awards = (challengeId: string) =>
  prisma.userChallengeBadge.findMany({
    where: { challengeId },
    select: { userId: true, rank: true, badge: { select: { key: true } } },
    orderBy: [{ userId: 'asc' }, { badgeId: 'asc' }],
  })

/** A challenge that ran from 4 days ago until an hour ago, with participants of these scores. */
async function endedWith(scoresInOrder: number[]) {
  const challenge = await createChallengeRow({
    startDate: new Date(Date.now() - 4 * DAY),
    endDate: new Date(Date.now() - HOUR),
  })
  const users = []
  for (const score of scoresInOrder) {
    const user = await createUser()
    await prisma.userChallenge.create({ data: { userId: user.id, challengeId: challenge.id, score } })
    await prisma.leaderboardEntry.create({ data: { userId: user.id, challengeId: challenge.id, score } })
    users.push(user)
  }
  return { challenge, users }
}

describe('finalising a challenge', () => {
  it('freezes standard competition ranks, awards each badge once, and does nothing the second time', async () => {
    const { challenge, users } = await endedWith([50, 80, 80, 30, 0, 10, 9, 8, 7, 6, 5, 4])
    expect(await finalizeChallenge(challenge.id, new Date())).toBe(true)
    const { entries } = await scores(challenge.id)
    const rankOf = new Map(entries.map((e) => [e.userId, e]))
    expect(users.map((u) => rankOf.get(u.id)!.rank)).toEqual([3, 1, 1, 4, 12, 5, 6, 7, 8, 9, 10, 11])
    expect(entries.every((e) => e.isFinal)).toBe(true)
    const first = await awards(challenge.id)
    // exactly the badges of badge-rules.ts (no streaks: nobody answered)
    for (const [i, user] of users.entries()) {
      const entry = rankOf.get(user.id)!
      const expected = badgesFor({ rank: entry.rank!, score: entry.score, activeDays: [] }).sort()
      expect(
        first
          .filter((a) => a.userId === user.id)
          .map((a) => a.badge.key)
          .sort(),
        `participant ${i}`,
      ).toEqual(expected)
    }
    expect(first.filter((a) => a.badge.key === 'challenge-winner')).toHaveLength(2)
    const finalizedAt = (await prisma.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).finalizedAt
    expect(finalizedAt).not.toBeNull()

    // Run twice (and twice at once): nothing changes.
    expect(await finalizeChallenge(challenge.id, new Date(Date.now() + HOUR))).toBe(false)
    expect(await Promise.all([finalizeEndedChallenges(new Date()), finalizeEndedChallenges(new Date())])).toEqual([
      0, 0,
    ])
    expect(await awards(challenge.id)).toEqual(first)
    expect((await scores(challenge.id)).entries).toEqual(entries)
    expect((await prisma.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).finalizedAt).toEqual(finalizedAt)
  })

  it('is finalised once by two instances running the job at the same moment', async () => {
    const { challenge } = await endedWith([5, 3])
    const [a, b] = [createScheduler(CHALLENGE_JOBS, 'one'), createScheduler(CHALLENGE_JOBS, 'two')]
    const now = new Date(Date.now() + 10 * DAY)
    const runs = await Promise.all([a.runDueJobs(now), b.runDueJobs(now)])
    expect(
      runs
        .flat()
        .filter((r) => r.name === 'challenges:finalize')
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['claimed-elsewhere', 'succeeded'])
    // winner and podium, and two finishers
    expect((await awards(challenge.id)).map((a) => a.badge.key).sort()).toEqual([
      'challenge-finisher',
      'challenge-finisher',
      'challenge-podium',
      'challenge-winner',
    ])
  })

  it('gives the streak badge for three days in a row inside the window, and no score moves after the end', async () => {
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 6 })
    const start = new Date(Date.now() - 5 * DAY)
    const challenge = await createChallengeRow({ startDate: start, endDate: new Date(Date.now() - HOUR) })
    const steady = await createUser()
    const once = await createUser()
    for (const user of [steady, once])
      await joinChallenge(
        await challengeAccess(await sessionUserOf(user.id), challenge.id),
        user.id,
        new Date(start.getTime() + HOUR),
      )
    const answer = (userId: string, i: number, at: Date) =>
      withChallengeScoring(userId, at, (alongside) =>
        submitAnswer(
          {
            userId,
            taskId: taskIds[i]!,
            answer: rightAnswer(taskIds[i]!),
            attemptId: ulid(),
            hintUsed: false,
            alongside,
          },
          at,
        ),
      )
    for (let d = 0; d < 3; d++) await answer(steady.id, d, new Date(start.getTime() + d * DAY + 2 * HOUR))
    await answer(once.id, 0, new Date(start.getTime() + 2 * HOUR))
    const before = await scores(challenge.id)
    expect(before.participants.find((p) => p.userId === steady.id)!.score).toBe(30)

    // After the end (not yet finalised) an answer leaves the score alone.
    await answer(once.id, 4, new Date())
    expect((await scores(challenge.id)).participants).toEqual(before.participants)

    expect(await finalizeEndedChallenges(new Date())).toBe(1)
    const got = await awards(challenge.id)
    expect(
      got
        .filter((a) => a.userId === steady.id)
        .map((a) => a.badge.key)
        .sort(),
    ).toEqual(['challenge-finisher', 'challenge-streak', 'challenge-winner'])
    expect(
      got
        .filter((a) => a.userId === once.id)
        .map((a) => a.badge.key)
        .sort(),
    ).toEqual(['challenge-finisher', 'challenge-podium'])
  })
})
