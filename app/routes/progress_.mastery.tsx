import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { MasteryChart } from '~/modules/learning/components/mastery-chart'
import { PROGRESS_PATH } from '~/modules/learning/links'
import { KNOWLEDGE_GAP_BELOW, MASTERY_LABELS } from '~/modules/learning/mastery'
import { masteryHistory } from '~/modules/learning/mastery-history.server'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Mastery over time — Questlog' }]

/** The signed-in learner's mastery of each concept over time, with the evidence behind each change, gaps first. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return masteryHistory(user.id)
})

export default function MasteryHistoryPage() {
  const { concepts, now } = useLoaderData<typeof loader>()
  const gaps = concepts.filter((c) => c.isGap)
  return (
    <Page titleId="mastery-history-title" className="learn">
      <p>
        <Link to={PROGRESS_PATH}>Back to your progress</Link>
      </p>
      <h1 id="mastery-history-title">Mastery over time</h1>
      {concepts.length === 0 ? (
        <p className="lead">
          Nothing yet: answer tasks, or turn a tutor answer into review cards, and each concept shows up here.
        </p>
      ) : (
        <>
          <section aria-labelledby="gaps-title" className="card">
            <h2 id="gaps-title">Knowledge gaps</h2>
            {gaps.length === 0 ? (
              <p>No gaps: every concept you have practised is at Proficient ({KNOWLEDGE_GAP_BELOW}) or above.</p>
            ) : (
              <ul>
                {gaps.map((g) => (
                  <li key={g.concept}>
                    <a href={`#concept-${encodeURIComponent(g.concept)}`}>{g.label}</a>
                    {` — ${g.mastery} of 100, ${MASTERY_LABELS[g.level]}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {concepts.map((c) => (
            <section key={c.concept} id={`concept-${encodeURIComponent(c.concept)}`} aria-labelledby={`h-${c.concept}`}>
              <h2 id={`h-${c.concept}`}>
                {c.label}
                {c.isGap ? <span className="badge">Gap</span> : null}
              </h2>
              <MasteryChart history={c} now={now} />
            </section>
          ))}
        </>
      )}
    </Page>
  )
}
