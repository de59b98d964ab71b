import { visibleTaskWhere } from '~/modules/content/own-tasks.server'
import { serverNow } from '~/utils/clock.server'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { learnerDay } from '~/utils/time'
import { TOPIC_SELECT, loadLearner, reviewsDue, topicXpByTopic, withThresholds } from './learner.server'
import { currentMasteries } from './mastery-now.server'
import { answersCountedToday, type ConceptView, conceptLabel, masteryLabel } from './progress-view'
import { progressToNextLevel, remainingFullXpAnswers } from './xp-rules'

/**
 * The subject page (its topics with the learner's levels) and the topic page (level, XP,
 * concepts with mastery, due reviews). Unknown or inactive subjects and topics, and a
 * topic under the wrong subject, are NotFound. Read only; scoped to one learner.
 */

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

async function activeSubject(slug: string) {
  const subject = await prisma.subject.findFirst({
    where: { slug, active: true },
    select: { id: true, slug: true, title: true, description: true },
  })
  if (!subject) throw new NotFound('There is no such subject.')
  return subject
}

export async function getSubjectPage(userId: string, subjectSlug: string, now = serverNow()) {
  const subject = await activeSubject(subjectSlug)
  const learner = await loadLearner(userId, now)
  const [topics, topicXp, reviews] = await Promise.all([
    prisma.topicXpConfig.findMany({
      where: { subjectId: subject.id, active: true },
      orderBy: [{ order: 'asc' }, { title: 'asc' }],
      select: TOPIC_SELECT,
    }),
    topicXpByTopic(userId),
    reviewsDue(learner),
  ])
  const taskCounts = await prisma.task.groupBy({
    by: ['topicId'],
    where: { active: true, topicId: { in: topics.map((t) => t.id) }, ...visibleTaskWhere(userId) },
    _count: { _all: true },
  })
  const tasksIn = new Map(taskCounts.map((c) => [c.topicId, c._count._all]))
  return {
    subject: { slug: subject.slug, title: subject.title, description: subject.description },
    topics: topics.map(withThresholds).map((t) => {
      const row = topicXp.get(t.id)
      const currentXp = row?.currentXp ?? 0
      return {
        slug: t.slug,
        title: t.title,
        description: t.description,
        difficulty: t.difficulty,
        currentXp,
        maxXp: t.maxXp,
        progress: progressToNextLevel(currentXp, t.levelThresholds),
        taskCount: tasksIn.get(t.id) ?? 0,
        started: row !== undefined,
        dueReviews: reviews.byTopic.get(t.id) ?? 0,
      }
    }),
  }
}

export async function getTopicPage(userId: string, subjectSlug: string, topicSlug: string, now = serverNow()) {
  const subject = await activeSubject(subjectSlug)
  const found = await prisma.topicXpConfig.findFirst({
    where: { slug: topicSlug, subjectId: subject.id, active: true },
    select: TOPIC_SELECT,
  })
  if (!found) throw new NotFound('There is no such topic in this subject.')
  const topic = withThresholds(found)
  const learner = await loadLearner(userId, now)

  const [topicXp, tasks, reviews, nextCard, masteries, answeredTasks] = await Promise.all([
    prisma.userTopicXp.findUnique({
      where: { userId_topicId: { userId, topicId: topic.id } },
      select: { currentXp: true, totalXpEarned: true, dailyTasksCount: true, dailyTasksDate: true },
    }),
    prisma.task.findMany({
      where: { topicId: topic.id, active: true, ...visibleTaskWhere(userId) },
      select: { concepts: true },
    }),
    reviewsDue(learner),
    prisma.reviewCard.findFirst({
      where: { userId, topicId: topic.id, due: { gt: now }, task: { active: true } },
      orderBy: { due: 'asc' },
      select: { due: true },
    }),
    currentMasteries(userId, now),
    prisma.reviewCard.count({ where: { userId, topicId: topic.id, task: { active: true } } }),
  ])

  const conceptKeys = [...new Set(tasks.flatMap((t) => asStrings(t.concepts)))].sort()
  const byConcept = new Map(masteries.map((m) => [m.concept, m]))
  const concepts: ConceptView[] = conceptKeys.map((concept) => {
    const m = byConcept.get(concept)
    const level = m?.level ?? 'not_started'
    return { concept, label: conceptLabel(concept), mastery: m?.mastery ?? 0, level, levelLabel: masteryLabel(level) }
  })
  const currentXp = topicXp?.currentXp ?? 0

  return {
    subject: { slug: subject.slug, title: subject.title },
    topic: {
      slug: topic.slug,
      title: topic.title,
      description: topic.description,
      category: topic.category,
      difficulty: topic.difficulty,
      maxXp: topic.maxXp,
      dailyFullTasks: topic.dailyFullTasks,
    },
    currentXp,
    totalXpEarned: topicXp?.totalXpEarned ?? 0,
    progress: progressToNextLevel(currentXp, topic.levelThresholds),
    remainingFullXp: remainingFullXpAnswers(answersCountedToday(topicXp, learner.today), topic),
    taskCount: tasks.length,
    answeredTasks,
    dueReviews: reviews.byTopic.get(topic.id) ?? 0,
    reviewsOfferedToday: reviews.offered,
    nextReviewDay: nextCard ? learnerDay(nextCard.due, learner.timeZone, learner.dayStartHour) : null,
    concepts,
  }
}
