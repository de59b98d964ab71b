import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { AskForm } from '~/modules/tutor/components/tutor-conversation'
import { tutorVoiceSettings } from '~/modules/tutor/ai-config.server'
import { AskInput } from '~/modules/tutor/tutor-input'
import { askTutor, tutorSessions } from '~/modules/tutor/tutor.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { type FormRefusal, page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatUtc } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Tutor — Questlog' }]

/** The tutor: a new question starts a conversation; the learner's earlier conversations below. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const [sessions, voice] = await Promise.all([tutorSessions(user.id), tutorVoiceSettings(user)])
  return { sessions, voice }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, AskInput)
  if (!form.ok) return refuseForm(form)
  try {
    const asked = await askTutor(user, form.value, serverNow())
    return redirectWithToast(
      `/tutor/${asked.sessionId}#latest`,
      asked.modelFailed
        ? 'The tutor’s model could not answer; here are the matching passages.'
        : asked.answer.found
          ? 'The tutor answered.'
          : 'The tutor found nothing on that in your documents.',
    )
  } catch (error) {
    return refuseForm(error, { values: { question: form.value.question } })
  }
})

export default function TutorPage() {
  const { sessions, voice } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>() as FormRefusal | undefined
  return (
    <Page titleId="tutor-title" className="tutor">
      <h1 id="tutor-title">Tutor</h1>
      <AskForm refused={refused} voice={voice} />
      <section aria-labelledby="tutor-sessions-title">
        <h2 id="tutor-sessions-title">Your conversations</h2>
        {sessions.length === 0 ? (
          <p>No conversations yet.</p>
        ) : (
          <ul className="plain-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <Link to={`/tutor/${s.id}`}>{s.title}</Link> · {s.questions}{' '}
                {s.questions === 1 ? 'question' : 'questions'} · {formatUtc(s.lastActivity)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  )
}
