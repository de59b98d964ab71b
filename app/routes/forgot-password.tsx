import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { Email } from '~/modules/accounts/account-input'
import { requestPasswordReset } from '~/modules/accounts/password-reset.server'
import { parseForm } from '~/utils/forms'
import { page, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Forgot your password? — Questlog' }]

/** The one answer, whether or not an account has this address: the form must not tell who has one. */
const RESET_SENT_MESSAGE =
  'If an account exists for that address, we sent a link to it to choose a new password. The link works once, for one hour. Check your spam folder if it does not arrive within a few minutes.'

const ForgotInput = z.object({ email: Email })

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const form = parseForm(await request.formData(), ForgotInput)
  if (!form.ok) return refuseForm(form)
  try {
    await requestPasswordReset(form.value.email, requestOrigin(request, context), new URL(request.url).origin)
  } catch (error) {
    return refuseForm(error, { values: { email: form.value.email } })
  }
  return { ok: true as const, message: RESET_SENT_MESSAGE }
})

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>()
  if (result?.ok) {
    return (
      <Page titleId="forgot-title" narrow>
        <h1 id="forgot-title">Check your e-mail</h1>
        <p className="notice" role="status">
          {result.message}
        </p>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </Page>
    )
  }
  return (
    <Page titleId="forgot-title" narrow>
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="lead">
        Enter the e-mail address of your account and we will send you a link to choose a new password.
      </p>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <Field label="E-mail address" errors={result?.fieldErrors.email}>
          {(props) => (
            <input
              type="email"
              name="email"
              autoComplete="email"
              required
              defaultValue={result?.values.email ?? ''}
              {...props}
            />
          )}
        </Field>
        <div className="actions">
          <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
          <Link to="/login">Back to log in</Link>
        </div>
      </Form>
    </Page>
  )
}
