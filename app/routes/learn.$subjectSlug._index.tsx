import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireUser } from '~/utils/auth.server'
import { TopicCard, plural } from '~/modules/learning/components/progress-widgets'
import { LEARN_PATH, MAX_SLUG_LENGTH, SLUG_PATTERN } from '~/modules/learning/links'
import { getSubjectPage } from '~/modules/learning/topic-pages.server'
import { invariantResponse, page } from '~/utils/http.server'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.subject.title} — Questlog` : 'Subject — Questlog' },
]

const Params = z.object({ subjectSlug: z.string().max(MAX_SLUG_LENGTH).regex(SLUG_PATTERN) })

/** A subject and its topics, with the signed-in learner's level in each. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const parsed = Params.safeParse(params)
  invariantResponse(parsed.success, 'There is no such subject.', { status: 404 })
  return getSubjectPage(user.id, parsed.data.subjectSlug)
})

export default function SubjectPage() {
  const { subject, topics } = useLoaderData<typeof loader>()
  return (
    <Page titleId="subject-title" className="learn">
      <p>
        <Link to={LEARN_PATH}>← Your learning</Link>
      </p>
      <h1 id="subject-title">{subject.title}</h1>
      {subject.description ? <p className="lead">{subject.description}</p> : null}
      <h2>Topics</h2>
      {topics.length === 0 ? (
        <p>This subject has no topics yet.</p>
      ) : (
        <ul className="plain-list topic-grid">
          {topics.map((topic) => (
            <TopicCard key={topic.slug} topic={topic} subjectSlug={subject.slug} heading="h3">
              {topic.description ? <p>{topic.description}</p> : null}
              <p className="hint">
                {plural(topic.taskCount, 'task')}
                {topic.difficulty ? ` · ${topic.difficulty}` : null}
                {topic.dueReviews > 0 ? ` · ${plural(topic.dueReviews, 'review')} due` : null}
              </p>
            </TopicCard>
          ))}
        </ul>
      )}
    </Page>
  )
}
