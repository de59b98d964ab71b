import type { ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { sendReviewsDueReminders, sendStreakAtRiskReminders } from './reminders.server'

const QUARTER_HOUR = 15 * 60_000

/**
 * Learning's scheduled jobs (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts):
 * the reminders of reminders.server.ts. Exclusive: one instance sweeps the learners each quarter
 * hour, so a learner's reminder comes at most 15 minutes after their local hour.
 */
export const LEARNING_JOBS: readonly ScheduledJob[] = [
  { name: 'reminders:reviews-due', everyMs: QUARTER_HOUR, exclusive: true, run: (now) => sendReviewsDueReminders(now) },
  {
    name: 'reminders:streak-at-risk',
    everyMs: QUARTER_HOUR,
    exclusive: true,
    run: (now) => sendStreakAtRiskReminders(now),
  },
]
