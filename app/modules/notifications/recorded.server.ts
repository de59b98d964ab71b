import { prisma } from '~/utils/db.server'

/**
 * The named read of ADR 0009 for the modules that send events from a recurring job: those of
 * `events` (learner + eventKey) not recorded yet. A job that sweeps many learners every few
 * minutes asks this once per batch and builds statements only for the rest; recording an event
 * twice would still make one notification (notify.server.ts).
 */
export async function unrecordedEvents<T extends { userId: string; eventKey: string }>(events: T[]): Promise<T[]> {
  if (events.length === 0) return []
  const rows = await prisma.notification.findMany({
    where: {
      userId: { in: [...new Set(events.map((e) => e.userId))] },
      eventKey: { in: [...new Set(events.map((e) => e.eventKey))] },
    },
    select: { userId: true, eventKey: true },
  })
  const key = (event: { userId: string; eventKey: string }) => `${event.userId} ${event.eventKey}`
  const recorded = new Set(rows.map(key))
  return events.filter((event) => !recorded.has(key(event)))
}
