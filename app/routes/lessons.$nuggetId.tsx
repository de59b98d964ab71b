import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { documentHref } from '~/modules/knowledge/document-view'
import { practicePath } from '~/modules/learning/links'
import { NuggetId } from '~/modules/knowledge/nugget-input'
import { lessonFor } from '~/modules/knowledge/nuggets.server'
import { requireUser } from '~/utils/auth.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? 'Lesson'} — Questlog` },
]

/**
 * One published lesson, for members of its team (404 otherwise — unpublished, another team's, or
 * unknown). Its practice tasks are answered on the normal practice page (XP, reviews, mastery).
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const id = NuggetId.safeParse(params.nuggetId)
  if (!id.success) throw new NotFound('There is no such lesson.')
  const lesson = await lessonFor(user.id, id.data)
  return {
    lesson: {
      ...lesson,
      tasks: lesson.tasks.map((t) => ({ ...t, href: `${practicePath(t.topicSlug)}?task=${encodeURIComponent(t.id)}` })),
      documents: lesson.documents.map((d) => ({ id: d.id, title: d.title, href: documentHref(d.id, d.chunkId) })),
    },
  }
})

const paragraphs = (text: string) => text.split(/\n\s*\n/).filter((p) => p.trim())

export default function LessonPage() {
  const { lesson } = useLoaderData<typeof loader>()
  return (
    <Page titleId="lesson-title">
      <p>
        <Link to="/lessons">← Lessons</Link>
      </p>
      <h1 id="lesson-title">{lesson.title}</h1>
      {lesson.imageUrl ? <img src={lesson.imageUrl} alt="" className="image-preview" /> : null}
      {lesson.audioUrl ? (
        <p>
          <audio controls src={lesson.audioUrl} aria-label={`Listen to ${lesson.title}`}>
            <a href={lesson.audioUrl}>Download the audio</a>
          </audio>
        </p>
      ) : null}
      <div className="stack">
        {paragraphs(lesson.body).map((p, i) => (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {p}
          </p>
        ))}
      </div>

      {lesson.keyPoints.length ? (
        <section className="card" aria-labelledby="key-points-title">
          <h2 id="key-points-title">Key points</h2>
          <ul>
            {lesson.keyPoints.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {lesson.slides.length ? (
        <section aria-labelledby="slides-title">
          <h2 id="slides-title">Slides</h2>
          <ol className="plain-list stack">
            {lesson.slides.map((slide, i) => (
              <li key={i} className="card">
                <h3>
                  {i + 1}. {slide.title}
                </h3>
                {paragraphs(slide.body).map((p, j) => (
                  <p key={j}>{p}</p>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="practice-title">
        <h2 id="practice-title">Practice</h2>
        {lesson.tasks.length === 0 ? (
          <p>This lesson has no practice tasks yet.</p>
        ) : (
          <ol>
            {lesson.tasks.map((task) => (
              <li key={task.id}>
                <Link to={task.href}>{task.prompt}</Link>
              </li>
            ))}
          </ol>
        )}
      </section>

      {lesson.documents.length ? (
        <section aria-labelledby="sources-title">
          <h2 id="sources-title">Sources</h2>
          <ul>
            {lesson.documents.map((d) => (
              <li key={d.id}>
                <Link to={d.href}>{d.title}</Link>
                {lesson.section ? <span className="hint"> › {lesson.section}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  )
}
