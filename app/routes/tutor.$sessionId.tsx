import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { AskForm, Conversation } from '~/modules/tutor/components/tutor-conversation'
import { ReviewCardInput } from '~/modules/tutor/review-card'
import { createReviewTaskFromPassage } from '~/modules/tutor/review-cards.server'
import { tutorVoiceSettings } from '~/modules/tutor/ai-config.server'
import { AskInput } from '~/modules/tutor/tutor-input'
import { askTutor, tutorSession } from '~/modules/tutor/tutor.server'
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
  const [session, voice] = await Promise.all([tutorSession(user.id, params.sessionId ?? ''), tutorVoiceSettings(user)])
  return { session, voice }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (typeof intent === 'string' && intent.startsWith('review-card:')) return makeReviewCard(user.id, formData, intent)
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

/** "Make review cards" on a cited passage: a review task of the learner's, due now on /reviews. */
async function makeReviewCard(userId: string, formData: FormData, intent: string) {
  const form = parseForm(formData, ReviewCardInput)
  if (!form.ok) return refuseForm(form, { intent })
  try {
    const made = await createReviewTaskFromPassage({ userId, ...form.value, answers: form.value.answer })
    return redirectWithToast(
      `/tutor/${made.sessionId}#sources-${form.value.messageId}`,
      'Review card saved: it is due now on your reviews.',
    )
  } catch (error) {
    return refuseForm(error, {
      intent,
      values: { question: form.value.question, answer: form.value.answer.join('\n') },
    })
  }
}

export default function TutorSessionPage() {
  const { session, voice } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>() as FormRefusal | undefined
  return (
    <Page titleId="tutor-session-title" className="tutor">
      <p>
        <Link to="/tutor">All conversations</Link>
      </p>
      <h1 id="tutor-session-title">{session.title}</h1>
      <Conversation
        messages={session.messages}
        sessionId={session.id}
        cardRefused={refused?.intent ? refused : undefined}
        voice={voice}
      />
      <AskForm sessionId={session.id} refused={refused?.intent ? undefined : refused} voice={voice} />
    </Page>
  )
}
