import type { InStatement } from '@libsql/client'
import type { RecordedAnswer } from '~/modules/learning/submission.server'
import { databaseReady, prisma, toDbTimestamp } from '~/utils/db.server'
import { keyedLock } from '~/utils/keyed-lock.server'
import { insideWindow } from './challenge-rules'
import {
  SCORING_SELECT,
  type ScoredChallenge,
  memoryCards,
  scoreStatements,
  withScopes,
} from './score-statements.server'
import { type MemoryCard, retainedMemory, taskInScope } from './scoring-rules'

/**
 * Challenge scores move inside the answer's own write (learning's `alongside`): the statements
 * run in the answer's batch, so they happen exactly once with it — a replayed attempt id never
 * reaches them, a concurrent duplicate aborts the whole batch. The composition file
 * (app/modules/progress-events.server.ts) reads the learner's running challenges once and hands
 * the builder to learning.
 */
export type AnswerScoring = (answer: RecordedAnswer) => InStatement[]

const DAY = 24 * 60 * 60 * 1000

/**
 * The learner's joined, running challenges (one read; null when there are none) and a builder
 * of their score updates for one answer. XP and tasks mastered are recomputed by SQL in the
 * batch, so they are right whatever ran before; retained memory is computed here from the cards
 * read now plus the answer's new card — use `withChallengeScoring` so that no other answer of
 * the learner writes between that read and this answer's write.
 */
export async function challengeScoring(userId: string, now: Date): Promise<AnswerScoring | null> {
  if (!(await inRunningChallenge(userId, now))) return null
  const joined = await prisma.userChallenge.findMany({
    where: {
      userId,
      challenge: { isActive: true, finalizedAt: null, startDate: { lte: now }, endDate: { gt: now } },
    },
    select: { challenge: { select: SCORING_SELECT } },
  })
  if (joined.length === 0) return null
  const challenges = await withScopes(joined.map((j) => j.challenge))
  const retention = challenges.filter((c) => c.metric === 'retention')
  const memory = retention.length ? await memoryRead(userId, retention) : null
  return (answer) => challenges.flatMap((challenge) => answerStatements(challenge, answer, memory))
}

/** Whether the learner takes part in a running challenge: one cheap raw read before every answer, most of which score none. */
async function inRunningChallenge(userId: string, now: Date): Promise<boolean> {
  const db = await databaseReady()
  const at = toDbTimestamp(now)
  const { rows } = await db.execute({
    sql: `SELECT 1 FROM "UserChallenge" uc JOIN "Challenge" c ON c."id" = uc."challengeId"
          WHERE uc."userId" = ? AND c."isActive" = 1 AND c."finalizedAt" IS NULL AND c."startDate" <= ? AND c."endDate" > ? LIMIT 1`,
    args: [userId, at, at],
  })
  return rows.length > 0
}

const scoringTurns = keyedLock()

/**
 * Runs one answer of the learner with its challenge scoring, the read and the write in one
 * turn per learner in this process: concurrent answers of one learner take turns, so each one's
 * retained memory includes the cards the ones before it wrote. (Across app instances the next
 * answer recomputes the score from all the cards again.)
 */
export function withChallengeScoring<T>(
  userId: string,
  now: Date,
  answer: (alongside: AnswerScoring | undefined) => Promise<T>,
): Promise<T> {
  return scoringTurns(userId, async () => answer((await challengeScoring(userId, now)) ?? undefined))
}

interface MemoryRead {
  cards: MemoryCard[]
  stageTopics: Set<string>
}

async function memoryRead(userId: string, challenges: readonly ScoredChallenge[]): Promise<MemoryRead> {
  const since = new Date(Math.min(...challenges.map((c) => c.startDate.getTime())))
  const [cards, stages] = await Promise.all([
    memoryCards(userId, since),
    prisma.topicXpConfig.findMany({ where: { scheduler: 'stages' }, select: { id: true } }),
  ])
  return { cards, stageTopics: new Set(stages.map((t) => t.id)) }
}

/** The answered card after the answer, as retained memory reads it. */
function answeredCard(answer: RecordedAnswer, stageTopics: Set<string>): MemoryCard {
  const { card } = answer
  const stages = stageTopics.has(answer.topicId)
  return {
    taskId: answer.taskId,
    topicId: answer.topicId,
    concepts: answer.concepts,
    stability: card.stability,
    difficulty: card.difficulty,
    lastReview: card.lastReview,
    reps: card.reps,
    state: card.reps > 0 ? 'review' : 'new',
    // a stage card's interval: its due day after the review
    scheduledDays:
      stages && card.lastReview ? Math.max(1, Math.round((card.due.getTime() - card.lastReview.getTime()) / DAY)) : 0,
    scheduler: stages ? 'stages' : 'fsrs',
  }
}

function answerStatements(
  challenge: ScoredChallenge,
  answer: RecordedAnswer,
  memory: MemoryRead | null,
): InStatement[] {
  if (!insideWindow(challenge, answer.now)) return []
  // A learner writes their own tasks and answers, so they could farm a score with them.
  if (answer.ownTask || !taskInScope(answer, challenge.scope)) return []
  switch (challenge.metric) {
    case 'xp':
      return answer.xpEarned > 0 ? scoreStatements(challenge, answer.userId, answer.now) : []
    case 'tasks_mastered':
      return answer.isCorrect ? scoreStatements(challenge, answer.userId, answer.now) : []
    case 'retention': {
      if (!memory) return []
      const cards = [
        ...memory.cards.filter((c) => c.taskId !== answer.taskId),
        answeredCard(answer, memory.stageTopics),
      ]
      const { score } = retainedMemory(cards, challenge)
      return scoreStatements(challenge, answer.userId, answer.now, score)
    }
    default:
      return []
  }
}
