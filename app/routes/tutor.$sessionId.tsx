import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { AskForm, Conversation } from '~/modules/tutor/components/tutor-conversation'
import { AskInput } from '~/modules/tutor/tutor-input'
import { askTutor, tutorSession } from '~/modules/tutor/tutor.server'
import { voiceSettingsFor } from '~/modules/tutor/tutor-model-config.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { type FormRefusal, page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.session.title} — Tutor — Questlog` : 'Tutor — Questlog' },
]

/** One conversation of the signed-in learner (another learner's is not found), and the next question. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { session: await tutorSession(user.id, params.sessionId ?? ''), voice: await voiceSettingsFor(user) }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  formData.set('sessionId', params.sessionId ?? '')
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

export default function TutorSessionPage() {
  const { session, voice } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>() as FormRefusal | undefined
  return (
    <Page titleId="tutor-session-title" className="tutor">
      <p>
        <Link to="/tutor">All conversations</Link>
      </p>
      <h1 id="tutor-session-title">{session.title}</h1>
      <Conversation messages={session.messages} voice={voice} />
      <AskForm sessionId={session.id} refused={refused} voice={voice} />
    </Page>
  )
}
