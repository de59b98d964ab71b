import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { LEARN_PATH } from '~/modules/learning/links'
import { useOptionalUser } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Questlog — learn a little every day' }]

const FEATURES = [
  {
    title: 'XP you cannot farm',
    text: 'Every correct answer earns XP, with full rewards for the first answers of the day and less for grinding the same task.',
  },
  {
    title: 'Reviews at the right time',
    text: 'Tasks come back just before you would forget them, scheduled by the FSRS algorithm.',
  },
  {
    title: 'Quests, streaks and challenges',
    text: 'Daily goals, streak freezes, achievements and team leaderboards keep you going.',
  },
  {
    title: 'A tutor that knows your material',
    text: 'Ask questions and get answers grounded in your team’s own documents.',
  },
]

export default function Index() {
  const user = useOptionalUser()
  return (
    <Page titleId="hero-title" className="home">
      <section className="hero">
        <h1 id="hero-title">Learn a little, every day.</h1>
        <p className="lead">
          Questlog turns short practice tasks into a daily habit: answer, earn XP, and let spaced reviews bring each
          idea back when it matters.
        </p>
        <div className="actions">
          {user ? (
            <>
              <Link className="button" to={LEARN_PATH}>
                Continue learning
              </Link>
              <Link className="button secondary" to="/teams">
                Your teams
              </Link>
            </>
          ) : (
            <>
              <Link className="button" to="/signup">
                Create a free account
              </Link>
              <Link className="button secondary" to="/login">
                Log in
              </Link>
            </>
          )}
          <Link className="button secondary" to="/feedback">
            Tell us what you think
          </Link>
        </div>
      </section>
      <section aria-labelledby="features-title">
        <h2 id="features-title">What you get</h2>
        <ul className="grid plain-list">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="card">
              <h3>{feature.title}</h3>
              <p>{feature.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  )
}
