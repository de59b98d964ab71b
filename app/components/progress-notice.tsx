import { Link } from '@remix-run/react'
import { UnlockNotice, type UnlockNoticeItem } from '~/modules/achievements/components/unlock-notice'

/** What an answer set off elsewhere (app/modules/progress-events.server.ts), as the page received it. */
export interface ProgressEventsView {
  ticked: ReadonlyArray<{ questId: string; questTitle: string; stepTitle: string }>
  unlocked: readonly UnlockNoticeItem[]
  certified: ReadonlyArray<{ title: string }>
}

/**
 * Beside an answer's feedback: quest steps the answer ticked, achievements it unlocked and
 * certificates it earned. Live regions in plain HTML, so they are announced and work without
 * JavaScript. Nothing when the answer set off nothing.
 */
export function ProgressNotice({ events }: { events: ProgressEventsView }) {
  if (events.ticked.length + events.unlocked.length + events.certified.length === 0) return null
  return (
    <div className="progress-notice">
      {events.ticked.length > 0 ? (
        <section className="notice" role="status" aria-label="Quest steps done">
          <h3>Quest steps done</h3>
          <ul>
            {events.ticked.map((step) => (
              <li key={`${step.questId}-${step.stepTitle}`}>
                <Link to={`/quests/${step.questId}`}>{step.questTitle}</Link>: {step.stepTitle} ✓
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <UnlockNotice unlocked={events.unlocked} />
      {events.certified.length > 0 ? (
        <section className="notice" role="status" aria-label="Certificates earned">
          <h3>Certificate earned</h3>
          <ul>
            {events.certified.map((certificate) => (
              <li key={certificate.title}>
                {certificate.title} — <Link to="/certificates">see your certificates</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
