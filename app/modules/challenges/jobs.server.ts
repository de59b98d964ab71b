import type { ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { serverNow } from '~/utils/clock.server'
import { announceStartedChallenges } from './announcements.server'
import { FINALIZE_EVERY_MS, finalizeEndedChallenges } from './finalize.server'

/** The challenges module's scheduled jobs (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts). */
export const CHALLENGE_JOBS: readonly ScheduledJob[] = [
  {
    name: 'challenges:finalize',
    everyMs: FINALIZE_EVERY_MS,
    exclusive: true,
    // The later of the tick and the server clock: an end-to-end test moves the latter (TEST_CLOCK_FILE).
    run: (now) => {
      const clock = serverNow()
      return finalizeEndedChallenges(clock > now ? clock : now)
    },
  },
  // Every quarter hour: a participant hears of the start within 15 minutes.
  {
    name: 'challenges:announce-starts',
    everyMs: 15 * 60_000,
    exclusive: true,
    run: (now) => {
      const clock = serverNow()
      return announceStartedChallenges(clock > now ? clock : now)
    },
  },
]
