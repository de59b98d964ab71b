import type { ReactNode } from 'react'

export interface LessonView {
  title: string
  content: string
  keyPoints: string[]
  /** where the lesson came from, e.g. “Fractions Guide › Adding fractions” */
  citation?: string | null
}

/** A nugget as a learner reads it: its text by paragraph, its key points and where it came from. */
export function NuggetLesson({
  lesson,
  headingLevel = 2,
  children,
}: {
  lesson: LessonView
  headingLevel?: 1 | 2
  children?: ReactNode
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  return (
    <article className="card stack nugget-lesson" aria-labelledby="lesson-title">
      <Heading id="lesson-title">{lesson.title}</Heading>
      {lesson.content
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      {lesson.keyPoints.length ? (
        <section aria-label="Key points">
          <h3>Key points</h3>
          <ul>
            {lesson.keyPoints.map((point, i) => (
              <li key={i}>{point}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {lesson.citation ? <p className="hint">Source: {lesson.citation}</p> : null}
      {children}
    </article>
  )
}
