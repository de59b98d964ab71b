import { prisma } from '~/utils/db.server'

/**
 * The named read of ADR 0009 for the modules that send events from a recurring job: which of
 * `events` (learner + eventKey) are recorded already, as "userId eventKey" strings. A job that
 * sweeps many learners every few minutes asks this once per batch and builds statements only for
 * the rest; recording an event twice would still make one notification (notify.server.ts).
 */
export async function recordedEvents(events: readonly { userId: string; eventKey: string }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set()
  const rows = await prisma.notification.findMany({
    where: {
      userId: { in: [...new Set(events.map((e) => e.userId))] },
      eventKey: { in: [...new Set(events.map((e) => e.eventKey))] },
    },
    select: { userId: true, eventKey: true },
  })
  return new Set(rows.map((row) => recordedKey(row)))
}

export const recordedKey = (event: { userId: string; eventKey: string }) => `${event.userId} ${event.eventKey}`
