import { z } from 'zod'
import { parseTaskSource } from '~/modules/content/task-source'
import { serverNow } from '~/utils/clock.server'
import { prisma } from '~/utils/db.server'
import { practicePath } from './links'
import { currentMasteries } from './mastery-now.server'
import { learnerClock } from './reviews.server'
import { learnerDay } from '~/utils/time'
import { type ConceptHistory, type ProgressRow, conceptHistories } from './mastery-history-view'

/**
 * The learner's mastery over time (/progress/mastery): every concept's Progress rows with the
 * evidence behind each (the answer, or the tutor answer a review card came from), today's score,
 * and the knowledge gaps. Only the learner's own rows; a link is kept only when what it points at
 * is still theirs.
 */
export const HISTORY_ROWS = 2000

const Strings = z.array(z.string()).catch([])

export interface MasteryHistory {
  concepts: ConceptHistory[]
  /** ISO instant the page was computed at (the charts end there) */
  now: string
}

export async function masteryHistory(userId: string, now = serverNow()): Promise<MasteryHistory> {
  const [rows, current, profile, ownTasks, clock] = await Promise.all([
    prisma.progress.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_ROWS,
      select: {
        id: true,
        concept: true,
        masteryLevel: true,
        evidence: true,
        createdAt: true,
        attempt: {
          select: {
            userId: true,
            isCorrect: true,
            hintUsed: true,
            task: { select: { id: true, prompt: true, topic: { select: { slug: true } } } },
          },
        },
        tutorMessage: { select: { id: true, sessionId: true, session: { select: { userId: true } } } },
      },
    }),
    currentMasteries(userId, now),
    prisma.learnerProfile.findUnique({ where: { userId }, select: { knowledgeGaps: true } }),
    prisma.task.findMany({ where: { ownerId: userId }, select: { source: true } }),
    learnerClock(userId, now),
  ])
  // A document's concept ("doc:<id>") reads as the document's title, from the learner's own cards.
  const labels = new Map<string, string>()
  for (const task of ownTasks) {
    const source = parseTaskSource(task.source)
    if (source) labels.set(`doc:${source.documentId}`, source.title)
  }
  const progress: ProgressRow[] = rows.map((row) => ({
    id: row.id,
    concept: row.concept,
    masteryLevel: row.masteryLevel,
    evidence: row.evidence,
    createdAt: row.createdAt,
    attempt:
      row.attempt && row.attempt.userId === userId
        ? {
            isCorrect: row.attempt.isCorrect,
            hintUsed: row.attempt.hintUsed,
            taskPrompt: row.attempt.task.prompt,
            practiceHref: `${practicePath(row.attempt.task.topic.slug)}?${new URLSearchParams({ task: row.attempt.task.id })}`,
          }
        : null,
    tutorMessage:
      row.tutorMessage && row.tutorMessage.session.userId === userId
        ? { href: `/tutor/${row.tutorMessage.sessionId}#sources-${row.tutorMessage.id}` }
        : null,
  }))
  return {
    concepts: conceptHistories(progress, current, {
      now,
      gaps: Strings.parse(profile?.knowledgeGaps ?? []),
      labels,
      dayOf: (at) => learnerDay(at, clock.timeZone, clock.dayStartHour),
    }),
    now: now.toISOString(),
  }
}
