import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import { LinkToken } from '~/modules/accounts/link-token'
import { NewPassword } from '~/modules/accounts/password-policy.server'
import { MIN_PASSWORD_LENGTH } from '~/modules/accounts/password-rules'
import { checkResetLink, resetPassword } from '~/modules/accounts/password-reset.server'
import { clearSessionCookie } from '~/modules/accounts/session.server'
import { withHttpErrors } from '~/utils/errors.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { requestOrigin } from '~/utils/request-context.server'

/**
 * /reset-password?token=… is the link in the password-reset e-mail. Opening it
 * only checks the link; the new password is set by the form's POST, which uses
 * the link up and signs the account out everywhere.
 */
export const meta: MetaFunction = () => [{ title: 'Choose a new password — Questlog' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const token = LinkToken.safeParse(new URL(request.url).searchParams.get('token') ?? undefined)
  if (!token.success) return data({ valid: false as const }, { status: 400 })
  const link = await withHttpErrors(() => checkResetLink(token.data))
  if (!link) return data({ valid: false as const }, { status: 410 })
  return { valid: true as const, token: token.data, email: link.target }
}

const ResetInput = z
  .object({
    token: LinkToken,
    password: NewPassword,
    confirmPassword: z.string({ message: 'Type the new password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords do not match' })

interface ActionResult {
  linkInvalid?: boolean
  fieldErrors: FieldErrors
  formErrors: string[]
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), ResetInput)
  if (!form.ok) {
    return data<ActionResult>({ linkInvalid: Boolean(form.fieldErrors.token), fieldErrors: form.fieldErrors, formErrors: form.formErrors }, { status: 400 })
  }
  const done = await withHttpErrors(() => resetPassword(form.value.token, form.value.password, requestOrigin(request, context)))
  if (!done) return data<ActionResult>({ linkInvalid: true, fieldErrors: {}, formErrors: [] }, { status: 410 })
  // Every session of the account has ended, this browser's included.
  return redirect('/login?reset=1', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}

export default function ResetPasswordPage() {
  const page = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (!page.valid || result?.linkInvalid) {
    return (
      <section aria-labelledby="reset-title" className="narrow">
        <h1 id="reset-title">This link is no longer valid</h1>
        <p>Password reset links work once, for one hour, and only the newest one you asked for works.</p>
        <p>
          <Link className="button" to="/forgot-password">
            Ask for a new link
          </Link>
        </p>
      </section>
    )
  }
  const errors = result?.fieldErrors ?? {}
  return (
    <section aria-labelledby="reset-title" className="narrow">
      <h1 id="reset-title">Choose a new password</h1>
      <p className="lead">
        For the account of <strong>{page.email}</strong>. Afterwards you will be signed out on every device and can log in with the new password.
      </p>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <input type="hidden" name="token" value={page.token} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={page.email} />
        <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters. A long passphrase is best.`} errors={errors.password}>
          {(props) => <input type="password" name="password" autoComplete="new-password" required {...props} />}
        </Field>
        <Field label="New password again" errors={errors.confirmPassword}>
          {(props) => <input type="password" name="confirmPassword" autoComplete="new-password" required {...props} />}
        </Field>
        <div>
          <SubmitButton pendingText="Saving…">Set my new password</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
