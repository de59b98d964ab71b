import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { lessonsFor } from '~/modules/knowledge/nuggets.server'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Lessons — Questlog' }]

/** The published lessons (nuggets) of the learner's teams. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { lessons: await lessonsFor(user.id) }
})

export default function LessonsPage() {
  const { lessons } = useLoaderData<typeof loader>()
  return (
    <Page titleId="lessons-title">
      <h1 id="lessons-title">Lessons</h1>
      <p className="lead">Short lessons your team published, each with its key points and practice tasks.</p>
      {lessons.length === 0 ? (
        <p>No lessons yet. When your team publishes one, it appears here.</p>
      ) : (
        <ul className="plain-list stack">
          {lessons.map((lesson) => (
            <li key={lesson.id} className="card">
              <h2>
                <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>
              </h2>
              {lesson.keyPoints[0] ? <p>{lesson.keyPoints[0]}</p> : null}
              <p className="hint">
                {lesson.taskCount === 0
                  ? 'No practice tasks'
                  : `${lesson.taskCount} practice ${lesson.taskCount === 1 ? 'task' : 'tasks'}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
