import { type ActionFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { SubmitButton } from '~/components/ui/submit-button'
import { Email } from '~/modules/accounts/account-input'
import { requestPasswordReset } from '~/modules/accounts/password-reset.server'
import { withHttpErrors } from '~/utils/errors.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { HONEYPOT_MESSAGE, honeypotFilled } from '~/utils/honeypot'
import { consume, retryAfterMessage } from '~/utils/rate-limit.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Forgot your password? — Questlog' }]

/** The one answer, whether or not an account has this address: the form must not tell who has one. */
const RESET_SENT_MESSAGE =
  'If an account exists for that address, we sent a link to it to choose a new password. The link works once, for one hour. Check your spam folder if it does not arrive within a few minutes.'

const ForgotInput = z.object({ email: Email })

type ActionResult =
  | { ok: true; message: string }
  | { ok: false; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string> }

function refused(status: number, body: { fieldErrors?: FieldErrors; formErrors?: string[]; values?: Record<string, string> }, headers?: HeadersInit) {
  return data<ActionResult>({ ok: false, fieldErrors: {}, formErrors: [], values: {}, ...body }, { status, headers })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  if (honeypotFilled(formData)) return refused(400, { formErrors: [HONEYPOT_MESSAGE] })
  const origin = requestOrigin(request, context)
  const byIp = await consume('password-reset:ip', origin.ip)
  if (!byIp.ok) return refused(429, { formErrors: [retryAfterMessage(byIp.retryAfterSeconds)] }, { 'Retry-After': String(byIp.retryAfterSeconds) })
  const form = parseForm(formData, ForgotInput)
  if (!form.ok) return refused(400, form)
  // Counted for every address alike, so a refusal says nothing about whether an account exists.
  const byEmail = await consume('password-reset:email', form.value.email)
  if (!byEmail.ok) {
    return refused(429, { formErrors: [retryAfterMessage(byEmail.retryAfterSeconds)], values: { email: form.value.email } }, { 'Retry-After': String(byEmail.retryAfterSeconds) })
  }
  await withHttpErrors(() => requestPasswordReset(form.value.email, new URL(request.url).origin))
  return data<ActionResult>({ ok: true, message: RESET_SENT_MESSAGE })
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>()
  if (result?.ok) {
    return (
      <section aria-labelledby="forgot-title" className="narrow">
        <h1 id="forgot-title">Check your e-mail</h1>
        <p className="notice" role="status">
          {result.message}
        </p>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby="forgot-title" className="narrow">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="lead">Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <Field label="E-mail address" errors={result?.fieldErrors.email}>
          {(props) => <input type="email" name="email" autoComplete="email" required defaultValue={result?.values.email ?? ''} {...props} />}
        </Field>
        <div className="actions">
          <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
          <Link to="/login">Back to log in</Link>
        </div>
      </Form>
    </section>
  )
}
