import { ulid } from 'ulid'
import { submitAnswer } from '../../app/modules/learning/submission.server'
import { prisma } from '../../app/utils/db.server'

/**
 * Two weeks of practice for a demo account, through the real submission path, so that
 * the dashboard, the progress chart and the review queue have something to show.
 * Deterministic: the same answers every time. Skipped when the account has answered before.
 */
const DAYS = 14
const TOPICS = ['fractions', 'binary-numbers']

/** What a learner would type for a task: its answer, or something wrong. */
function answerFor(task: { kind: string; answer: unknown; choices: unknown }, correct: boolean): string {
  if (task.kind === 'multiple_choice') {
    const right = Array.isArray(task.answer) ? (task.answer as number[]) : [task.answer as number]
    if (correct) return right.join(',')
    const count = Array.isArray(task.choices) ? task.choices.length : 2
    return String([...Array(count).keys()].find((i) => !right.includes(i)) ?? 0)
  }
  if (task.kind === 'numeric') return correct ? String(task.answer) : String(Number(task.answer) + 7)
  return correct && Array.isArray(task.answer) ? String(task.answer[0]) : 'not sure'
}

export async function practiseForDemo(userId: string, now = new Date()): Promise<number> {
  if ((await prisma.userTaskAttempt.count({ where: { userId } })) > 0) return 0
  const tasks = await prisma.task.findMany({
    where: { active: true, topic: { slug: { in: TOPICS } } },
    orderBy: [{ topicId: 'asc' }, { order: 'asc' }],
    select: { id: true, kind: true, answer: true, choices: true },
  })
  let answered = 0
  for (let day = DAYS; day >= 1; day--) {
    if (day % 5 === 0) continue // a few days off, so the chart and the streak look real
    const at = new Date(now.getTime() - day * 24 * 60 * 60 * 1000)
    for (let i = 0; i < 4; i++) {
      const task = tasks[(day * 4 + i) % tasks.length]
      if (!task) break
      const correct = (day + i) % 4 !== 0
      await submitAnswer(
        {
          userId,
          taskId: task.id,
          answer: answerFor(task, correct),
          attemptId: ulid(at.getTime() + i),
          hintUsed: false,
        },
        new Date(at.getTime() + i * 60_000),
      )
      answered++
    }
  }
  return answered
}
