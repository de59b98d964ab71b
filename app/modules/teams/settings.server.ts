import { z } from 'zod'
import { imageOf } from '~/modules/content/images.server'
import { recordAudit } from '~/modules/system/audit.server'
import { prisma } from '~/utils/db.server'
import { Invalid, NotFound } from '~/utils/errors.server'
import type { RequestOrigin } from '~/utils/request-context.server'

/** TeamSettings.subjects: Subject ids; [] = all subjects. */
const StoredSubjects = z.array(z.string())

export async function getTeamSettings(teamId: string) {
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    select: { id: true, name: true, description: true, settings: { select: { dailyXpGoal: true, subjects: true } } },
  })
  if (!team) throw new NotFound('This team does not exist.')
  const subjects = StoredSubjects.safeParse(team.settings?.subjects)
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    dailyXpGoal: team.settings?.dailyXpGoal ?? null,
    subjects: subjects.success ? subjects.data : [],
    image: await imageOf({ teamId }),
  }
}

/**
 * The subjects a team may choose from. Subject belongs to the content module,
 * which has no listing function yet; this read moves there when it gets one.
 */
export function listSubjectChoices() {
  return prisma.subject.findMany({
    where: { active: true },
    orderBy: [{ order: 'asc' }, { title: 'asc' }],
    select: { id: true, title: true },
  })
}

export interface TeamSettingsInput {
  name: string
  description: string | null
  dailyXpGoal: number | null
  subjects: string[]
}

/** Saves the team's name, description and settings; unknown subjects are refused (400, field `subjects`). */
export async function updateTeamSettings(
  teamId: string,
  actorId: string,
  input: TeamSettingsInput,
  origin?: RequestOrigin,
): Promise<string[]> {
  const subjects = [...new Set(input.subjects)]
  if (subjects.length) {
    const known = await prisma.subject.count({ where: { id: { in: subjects }, active: true } })
    if (known !== subjects.length)
      throw new Invalid('Choose subjects from the list; one of them does not exist (any more).', 'subjects')
  }
  const before = await getTeamSettings(teamId)
  const changed = [
    before.name !== input.name && 'name',
    before.description !== input.description && 'description',
    before.dailyXpGoal !== input.dailyXpGoal && 'dailyXpGoal',
    [...before.subjects].sort().join() !== [...subjects].sort().join() && 'subjects',
  ].filter((f): f is string => typeof f === 'string')
  if (changed.length === 0) return changed
  const settings = { dailyXpGoal: input.dailyXpGoal, subjects }
  await prisma.team.update({
    where: { id: teamId },
    data: {
      name: input.name,
      description: input.description,
      settings: { upsert: { create: settings, update: settings } },
    },
    select: { id: true },
  })
  await auditSettings(teamId, actorId, changed, origin)
  return changed
}

export function auditSettings(teamId: string, actorId: string, fields: string[], origin?: RequestOrigin) {
  return recordAudit({
    action: 'team.settings.updated',
    actorId,
    targetType: 'team',
    targetId: teamId,
    teamId,
    origin,
    metadata: { fields: fields.join(',') },
  })
}
