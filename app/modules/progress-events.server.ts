import type { InStatement } from '@libsql/client'
import { type UnlockedAchievement, evaluateAchievements } from '~/modules/achievements/evaluate.server'
import { autoIssueCertificates } from '~/modules/certificates/certificates.server'
import { leagueScoring } from '~/modules/challenges/league.server'
import { withChallengeScoring } from '~/modules/challenges/scoring.server'
import type { AnswerInputValue } from '~/modules/learning/practice-input'
import { type AnsweredTask, answerTask } from '~/modules/learning/practice.server'
import type { RecordedAnswer } from '~/modules/learning/submission.server'
import { type TickedStep, advanceLearningGoals } from '~/modules/quests/learning-goals.server'
import type { ActivityContext } from '~/utils/activity.server'
import { serverNow } from '~/utils/clock.server'
import { log } from '~/utils/log.server'

/**
 * What learning sets off in the modules built on it (a composition file: it belongs to no module,
 * so quests, achievements, challenges and certificates can build on learning without learning
 * knowing them).
 *
 * Inside the answer's own write (learning's `alongside`, exactly once with the answer): the
 * learner's challenge scores and their weekly league XP.
 *
 * After it, each reaction runs right after the write that caused it and reads the learner's state
 * afresh, so it is exactly-once by its own guards (a step is ticked once, an achievement unlocked
 * once, a certificate issued once, each payment is unique in the XP ledger) and catches up on
 * anything an earlier event missed. A reaction that fails is logged and skipped: the answer it
 * follows is already recorded and must not turn into an error; the next event evaluates again.
 */
export interface ProgressEvents {
  /** quest steps whose learning goal this answer met */
  ticked: TickedStep[]
  /** achievements unlocked by this event (each one only ever in one answer) */
  unlocked: UnlockedAchievement[]
  /** team certificates issued automatically after this answer */
  certified: { title: string }[]
}

export const NO_PROGRESS_EVENTS: ProgressEvents = { ticked: [], unlocked: [], certified: [] }

type Alongside = (answer: RecordedAnswer) => InStatement[]

/** One builder of the statements of several modules for the answer's batch (undefined when none has any). */
function combine(builders: ReadonlyArray<Alongside | null | undefined>): Alongside | undefined {
  const present = builders.filter((b): b is Alongside => Boolean(b))
  return present.length ? (answer) => present.flatMap((build) => build(answer)) : undefined
}

/** Answers a task (learning), then lets quests and achievements react. A replayed answer sets off nothing. */
export async function answerWithProgress(
  userId: string,
  input: AnswerInputValue,
  options: { topicId?: string | null; now?: Date; context?: ActivityContext | null } = {},
): Promise<AnsweredTask & { progress: ProgressEvents }> {
  const now = options.now ?? serverNow()
  // A league that cannot be read leaves the answer unscored there rather than unrecorded.
  const league = await reaction('league placement', userId, () => leagueScoring(userId, now), null)
  const answered = await withChallengeScoring(userId, now, (challenges) =>
    answerTask(userId, input, { ...options, now, alongside: combine([challenges, league]) }),
  )
  const progress = answered.result.replayed ? NO_PROGRESS_EVENTS : await afterLearning(userId, now)
  return { ...answered, progress }
}

/** After an answer: quest goals first (a ticked step can complete a quest), then achievements, then certificates. */
export async function afterLearning(userId: string, now: Date): Promise<ProgressEvents> {
  const ticked = await reaction('quest goals', userId, () => advanceLearningGoals(userId, now), [])
  const unlocked = await reaction('achievements', userId, () => evaluateAchievements(userId, now), [])
  const certified = await reaction('certificates', userId, () => autoIssueCertificates(userId, now), [])
  return { ticked, unlocked, certified }
}

/** After a quest was completed by hand: achievements (quests completed, total XP). */
export async function afterQuestCompleted(userId: string, now: Date): Promise<{ unlocked: UnlockedAchievement[] }> {
  return { unlocked: await reaction('achievements', userId, () => evaluateAchievements(userId, now), []) }
}

async function reaction<T>(name: string, userId: string, run: () => Promise<T>, none: T): Promise<T> {
  try {
    return await run()
  } catch (error) {
    log.error(`progress event failed: ${name}`, { userId, error: String(error) })
    return none
  }
}
