import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { LearnerVoiceInput } from '~/modules/tutor/ai-config'
import { learnerVoicePreferences, saveLearnerVoicePreferences } from '~/modules/tutor/ai-config.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Voice — Settings — Questlog' }]

/** The learner's own voice preferences for the tutor (their scope of the voice settings). */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return learnerVoicePreferences(user)
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), LearnerVoiceInput)
  if (!form.ok) return refuseForm(form, { intent: 'save' })
  try {
    await saveLearnerVoicePreferences(user, form.value)
  } catch (error) {
    return refuseForm(error, { intent: 'save', values: form.value.ttsVoice ? { ttsVoice: form.value.ttsVoice } : {} })
  }
  return redirectWithToast('/settings/voice', 'Your voice preferences were saved.')
})

export default function VoiceSettingsPage() {
  const { readAnswersAloud, ttsVoice, voice } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  return (
    <Page titleId="voice-title">
      <h1 id="voice-title">Voice</h1>
      <p className="lead">How the tutor speaks to you, where your browser can speak.</p>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <label className="checkbox">
          <input type="checkbox" name="readAnswersAloud" value="on" defaultChecked={readAnswersAloud} /> Read the
          tutor’s answers aloud
        </label>
        <Field
          label="Voice (optional)"
          hint={`Leave it empty for your team’s or the platform’s voice (now: ${voice.ttsVoice ?? 'the browser’s default'}).`}
          errors={errors.ttsVoice}
        >
          {(props) => (
            <input
              name="ttsVoice"
              maxLength={100}
              defaultValue={result?.values?.ttsVoice ?? ttsVoice ?? ''}
              {...props}
            />
          )}
        </Field>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save voice preferences
          </SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
