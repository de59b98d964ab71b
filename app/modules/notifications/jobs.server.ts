import type { ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { getEnv } from '~/utils/env.server'
import { runDeliveryPass } from './delivery.server'
import { deliverQueuedEmails } from './mailer.server'

/** The notifications module's scheduled jobs (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts). */
export const NOTIFICATIONS_JOBS: readonly ScheduledJob[] = [
  // Not exclusive: each delivery is claimed on its own (delivery.server.ts).
  {
    name: 'notifications:deliver',
    everyMs: 60_000,
    exclusive: false,
    run: async (now) => {
      const counts = await runDeliveryPass(now)
      return counts.sent + counts.digested
    },
  },
  // Not exclusive: each outbox row is claimed on its own (mailer.server.ts), and a BackgroundJob row every 30 s would be clutter.
  {
    name: 'email:deliver',
    everyMs: 30_000,
    exclusive: false,
    enabled: () => Boolean(getEnv().SMTP_URL),
    run: (now) => deliverQueuedEmails(now),
  },
]
