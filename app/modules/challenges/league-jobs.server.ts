import { EVERY_HOUR, type ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { serverNow } from '~/utils/clock.server'
import { finalizeLeagues } from './league.server'

/**
 * The leagues' scheduled job (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts):
 * once an hour, on one instance, every cohort whose weeks have all ended is ranked and its
 * promotions and demotions written; running it again changes nothing.
 */
export const LEAGUE_JOBS: readonly ScheduledJob[] = [
  {
    name: 'leagues:finalize',
    everyMs: EVERY_HOUR,
    exclusive: true,
    // The later of the tick and the server clock: an end-to-end test moves the latter (TEST_CLOCK_FILE).
    run: (now) => {
      const clock = serverNow()
      return finalizeLeagues(clock > now ? clock : now)
    },
  },
]
