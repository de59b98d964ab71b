import { type ActionFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { SubmitButton } from '~/components/ui/submit-button'
import { FEEDBACK_KINDS, FeedbackInput } from '~/modules/system/feedback'
import { submitFeedback } from '~/modules/system/feedback.server'
import { page, refuseForm } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Feedback — Questlog' }]

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const form = parseForm(await request.formData(), FeedbackInput)
  if (!form.ok) return refuseForm(form)
  const { id } = await submitFeedback(form.value)
  return redirect(`/feedback/${id}`)
})

export default function FeedbackPage() {
  const result = useActionData<typeof action>()
  const errors = result && !result.ok ? result.fieldErrors : {}
  const values = result && !result.ok ? result.values : {}
  return (
    <Page titleId="feedback-title">
      <h1 id="feedback-title">Send us feedback</h1>
      <p className="lead">Found a mistake, missing a feature, or just enjoying it? We read every message.</p>
      <ErrorSummary fieldErrors={errors} formErrors={result && !result.ok ? result.formErrors : []} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <Field label="What is it about?" errors={errors.kind}>
          {(props) => (
            <select name="kind" defaultValue={values.kind ?? ''} {...props}>
              <option value="" disabled>
                Choose one…
              </option>
              {FEEDBACK_KINDS.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Your message" hint="10 to 2000 characters." errors={errors.message}>
          {(props) => <textarea name="message" defaultValue={values.message ?? ''} maxLength={2000} {...props} />}
        </Field>
        <Field label="Your e-mail (optional)" hint="Only if you would like an answer." errors={errors.email}>
          {(props) => (
            <input type="email" name="email" autoComplete="email" defaultValue={values.email ?? ''} {...props} />
          )}
        </Field>
        <div>
          <SubmitButton pendingText="Sending…">Send feedback</SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
