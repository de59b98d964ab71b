import { Link } from '@remix-run/react'
import { useEffect, useId, useRef, type ReactNode } from 'react'
import type { FeedbackView } from '../practice-view'
import { SourcePassage } from './source-passage'

/**
 * The answer to an answer: right or wrong, the correct answer and why, how the XP was
 * worked out, the topic's level, when the task comes back and what it did to mastery.
 * With JavaScript on, focus moves to the verdict so screen readers announce it.
 */
export function PracticeFeedback({
  feedback,
  next,
  news,
  children,
}: {
  feedback: FeedbackView
  next: { href: string; label: string }
  /** what the answer set off in other modules (quest steps, achievements), shown under the facts */
  news?: ReactNode
  children?: ReactNode
}) {
  const id = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    headingRef.current?.focus()
  }, [feedback.taskId])
  const { xp, topic } = feedback

  return (
    <article
      className={`card practice-feedback ${feedback.isCorrect ? 'is-correct' : 'is-wrong'}`}
      aria-labelledby={`${id}-verdict`}
    >
      <h2 id={`${id}-verdict`} tabIndex={-1} ref={headingRef} className="practice-verdict">
        {feedback.isCorrect ? 'Correct!' : 'Not quite.'}
      </h2>
      {feedback.replayed ? (
        <p className="notice" role="status">
          You had already sent this answer, so here is the same result again. Nothing new was recorded.
        </p>
      ) : null}

      <dl className="practice-answers">
        <dt>Question</dt>
        <dd>{feedback.prompt}</dd>
        <dt>Your answer</dt>
        <dd>{feedback.yourAnswer}</dd>
        <dt>{feedback.isCorrect ? 'The answer' : 'The right answer'}</dt>
        <dd>{feedback.correctAnswer}</dd>
      </dl>
      {feedback.explanation ? (
        <section aria-labelledby={`${id}-why`}>
          <h3 id={`${id}-why`}>Why</h3>
          <p className="practice-explanation">{feedback.explanation}</p>
        </section>
      ) : null}

      {feedback.source ? <SourcePassage source={feedback.source} /> : null}

      <section aria-labelledby={`${id}-xp`}>
        <h3 id={`${id}-xp`}>
          <span className="practice-xp">{`+${xp.earned} XP`}</span>
        </h3>
        {xp.breakdown.length > 0 ? (
          <table className="practice-breakdown">
            <caption>How the XP for this answer was worked out</caption>
            <tbody>
              {xp.breakdown.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{row.label}</th>
                  <td>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <ul className="practice-facts">
        <li>
          {topic.title}: level {topic.level}, {topic.currentXp} XP
          {topic.leveledUp ? <strong> — level up!</strong> : null}
        </li>
        <li>
          Today: {feedback.xpToday} XP{feedback.goalReachedToday ? <strong> — daily goal reached!</strong> : null}
        </li>
        {feedback.nextReview ? <li>This task comes back for review {feedback.nextReview}.</li> : null}
      </ul>

      {feedback.masteries.length > 0 ? (
        <section aria-labelledby={`${id}-mastery`}>
          <h3 id={`${id}-mastery`}>Mastery</h3>
          <ul className="practice-mastery">
            {feedback.masteries.map((m) => (
              <li key={m.concept}>
                <span className="concept">{m.label}</span>
                {`: ${m.levelLabel} (${m.mastery}%)`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {news}

      <div className="actions">
        <Link to={next.href} className="button">
          {next.label}
        </Link>
        {children}
      </div>
    </article>
  )
}
