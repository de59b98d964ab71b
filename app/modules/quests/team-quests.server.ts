import type { InStatement } from '@libsql/client'
import type { QuestStatus } from '~/generated/prisma/client'
import { behaviorLogStatement } from '~/modules/system/behavior-log.server'
import { type TeamAccess, assertTeamRoleCan } from '~/modules/teams/access.server'
import type { ActivityContext } from '~/utils/activity.server'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { addDays, dayStartInstant } from '~/utils/time'
import { ulid } from '~/utils/ulid.server'
import { guard, planAndWrite } from './batch.server'
import type { QuestAssign } from './quest-input'
import { STATUS_LABEL } from './quest-rules'
import { preparedSteps, stepStatements } from './quests.server'

/**
 * Quests a team's owner, admins and instructors assign to members
 * (`assign:team-quests:own-team`): copied per member (source 'team', teamId, assignedById,
 * dueAt), so each member works on and completes their own copy, and XP is paid per copy by the
 * rules of quest-xp.ts. An assignment has no row of its own: its copies share the assigner,
 * the title and the instant they were made, and the team page groups them by these.
 */

const NOT_A_MEMBER = 'This person is not a member of this team.'

/** The end of `day` (the last second before the next day starts) in the assigner's time zone. */
function endOfDay(day: string, timeZone: string): Date {
  return new Date(dayStartInstant(addDays(day, 1), timeZone, 0).getTime() - 1000)
}

export async function assignQuest(
  access: TeamAccess,
  input: QuestAssign,
  now: Date,
  context?: ActivityContext | null,
): Promise<{ assigned: number }> {
  assertTeamRoleCan(access, 'assign:team-quests:own-team')
  const teamId = access.team.id
  const memberIds = [...new Set(input.memberIds)]
  const members = await prisma.teamMember.findMany({
    where: { teamId, userId: { in: memberIds } },
    select: { userId: true },
  })
  if (members.length !== memberIds.length) throw new NotFound(NOT_A_MEMBER)
  const dueAt = input.dueDay ? toDbTimestamp(endOfDay(input.dueDay, access.user.timezone)) : null
  const at = toDbTimestamp(now)
  // Each member's learning steps keep where that member stands now (their baselines).
  const copies = await Promise.all(
    memberIds.map(async (userId) => ({
      userId,
      id: ulid(now.getTime()),
      steps: await preparedSteps(userId, input.steps),
    })),
  )
  return planAndWrite(async () => {
    const statements: InStatement[] = copies.flatMap((copy) => [
      {
        // Only for someone who is still a member when the batch runs.
        sql: `INSERT INTO "Quest" ("id", "title", "description", "difficulty", "status", "priority", "estimatedDuration", "experiencePoints", "source", "dueAt", "userId", "teamId", "assignedById", "createdAt", "updatedAt")
              SELECT ?, ?, ?, ?, 'active', ?, ?, 0, 'team', ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ?)`,
        args: [
          copy.id,
          input.title,
          input.description,
          input.difficulty,
          input.priority,
          input.estimatedDuration,
          dueAt,
          copy.userId,
          teamId,
          access.user.id,
          at,
          at,
          teamId,
          copy.userId,
        ],
      },
      guard('TeamMember'),
      ...stepStatements(copy.id, copy.steps, now),
    ])
    statements.push(
      behaviorLogStatement({
        userId: access.user.id,
        actionType: 'quest.created',
        actionData: { source: 'team', teamId, members: copies.length, questIds: copies.map((c) => c.id) },
        context,
        now,
      }),
    )
    return { statements, result: { assigned: copies.length } }
  })
}

const who = (u: { name: string | null; username: string | null }) => u.name ?? u.username ?? 'Someone'

export interface AssignedQuest {
  key: string
  title: string
  assignedBy: string
  assignedAt: string
  dueAt: string | null
  finished: number
  members: { userId: string; name: string; status: QuestStatus; statusLabel: string; completedAt: string | null }[]
}

/**
 * The quests assigned in this team, newest first, each with its members' copies and who
 * finished. Reads accounts' User names of the members and assigners.
 */
export async function teamQuestBoard(teamId: string, limit = 20): Promise<AssignedQuest[]> {
  const rows = await prisma.quest.findMany({
    where: { teamId, source: 'team' },
    select: {
      title: true,
      status: true,
      dueAt: true,
      createdAt: true,
      completedAt: true,
      assignedById: true,
      assignedBy: { select: { name: true, username: true } },
      user: { select: { id: true, name: true, username: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 2000,
  })
  const board = new Map<string, AssignedQuest>()
  for (const row of rows) {
    const key = `${row.assignedById ?? ''}|${row.createdAt.toISOString()}|${row.title}`
    let entry = board.get(key)
    if (!entry) {
      if (board.size >= limit) continue
      entry = {
        key,
        title: row.title,
        assignedBy: row.assignedBy ? who(row.assignedBy) : 'A former member',
        assignedAt: row.createdAt.toISOString(),
        dueAt: row.dueAt?.toISOString() ?? null,
        finished: 0,
        members: [],
      }
      board.set(key, entry)
    }
    if (row.status === 'completed') entry.finished++
    entry.members.push({
      userId: row.user.id,
      name: who(row.user),
      status: row.status,
      statusLabel: STATUS_LABEL[row.status],
      completedAt: row.completedAt?.toISOString() ?? null,
    })
  }
  for (const entry of board.values()) entry.members.sort((a, b) => a.name.localeCompare(b.name))
  return [...board.values()]
}
