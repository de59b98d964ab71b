import type { ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { refreshActiveLearnersSuggestions } from './suggestions.server'

/** Tutor's scheduled jobs (listed in app/modules/scheduled-jobs.server.ts). */
export const TUTOR_JOBS: readonly ScheduledJob[] = [
  // exclusive: once a day across all instances, so two cannot add the same suggestion at once
  {
    name: 'tutor:refresh-suggestions',
    everyMs: 24 * 3_600_000,
    exclusive: true,
    run: (now) => refreshActiveLearnersSuggestions(now),
  },
]
