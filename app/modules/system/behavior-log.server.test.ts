import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { exportUserData } from '~/modules/accounts/privacy.server'
import { behaviorLogStatement, deleteOldBehaviorLogs, logBehavior } from './behavior-log.server'
import { writeBatch } from '~/utils/db.server'

const DAY = 24 * 60 * 60 * 1000

describe('behaviour log', () => {
  it('appends what was done with the session, page and device class, and exports it to its owner only', async () => {
    const user = await createUser()
    const other = await createUser()
    const now = new Date('2026-12-01T10:00:00Z')
    await writeBatch([
      behaviorLogStatement({
        userId: user.id,
        actionType: 'quest.created',
        actionData: { questId: 'q1' },
        context: { sessionId: 's1', device: 'mobile', path: '/quests' },
        now,
      }),
    ])
    await logBehavior({ userId: other.id, actionType: 'auth.signed_in', now })
    const rows = await prisma.userBehaviorLog.findMany({ where: { userId: user.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      actionType: 'quest.created',
      actionData: { questId: 'q1' },
      contextData: { path: '/quests' },
      sessionId: 's1',
      deviceInfo: { device: 'mobile' },
    })
    expect(rows[0]?.createdAt.toISOString()).toBe(now.toISOString())
    const exported = (await exportUserData(user.id)) as { behaviorLogs: { actionType: string }[] }
    expect(exported.behaviorLogs.map((row) => row.actionType)).toEqual(['quest.created'])
  })

  it('keeps twelve months: older rows go in chunks, and the count removed is returned', async () => {
    const user = await createUser()
    const now = new Date('2026-12-01T00:00:00Z')
    const old = new Date(now.getTime() - 400 * DAY)
    const recent = new Date(now.getTime() - 300 * DAY)
    await writeBatch([
      ...Array.from({ length: 2500 }, () =>
        behaviorLogStatement({ userId: user.id, actionType: 'task.answered', now: old }),
      ),
      behaviorLogStatement({ userId: user.id, actionType: 'task.answered', now: recent }),
    ])
    expect(await deleteOldBehaviorLogs(now)).toBeGreaterThanOrEqual(2500)
    const left = await prisma.userBehaviorLog.findMany({ where: { userId: user.id }, select: { createdAt: true } })
    expect(left.map((row) => row.createdAt.toISOString())).toEqual([recent.toISOString()])
  })
})
