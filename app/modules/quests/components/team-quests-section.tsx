import { Link } from '@remix-run/react'
import { formatDay } from '~/utils/time'
import type { AssignedQuest } from '../team-quests.server'

/** The team page's section: the quests assigned in the team, and who finished each. */
export function TeamQuestsSection({
  teamId,
  quests,
  canAssign,
  timeZone,
}: {
  teamId: string
  quests: AssignedQuest[]
  canAssign: boolean
  timeZone: string
}) {
  return (
    <section aria-labelledby="team-quests-title" className="team-quests">
      <h2 id="team-quests-title">Assigned quests</h2>
      {canAssign ? (
        <p>
          <Link to={`/teams/${teamId}/quests`}>Assign a quest</Link>
        </p>
      ) : null}
      {quests.length === 0 ? (
        <p>No quest has been assigned in this team yet.</p>
      ) : (
        <ul className="plain-list stack-list">
          {quests.map((q) => (
            <li key={q.key} className="card">
              <h3>{q.title}</h3>
              <p className="hint">
                Assigned by {q.assignedBy} on <time dateTime={q.assignedAt}>{formatDay(q.assignedAt, timeZone)}</time>
                {q.dueAt ? (
                  <>
                    {' '}
                    · due <time dateTime={q.dueAt}>{formatDay(q.dueAt, timeZone)}</time>
                  </>
                ) : null}{' '}
                · {q.finished} of {q.members.length} finished
              </p>
              <table className="members-table">
                <caption className="visually-hidden">Who finished {q.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Status</th>
                    <th scope="col">Finished</th>
                  </tr>
                </thead>
                <tbody>
                  {q.members.map((m) => (
                    <tr key={m.userId}>
                      <th scope="row">{m.name}</th>
                      <td>{m.statusLabel}</td>
                      <td>
                        {m.completedAt ? (
                          <time dateTime={m.completedAt}>{formatDay(m.completedAt, timeZone)}</time>
                        ) : (
                          'Not yet'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
