import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { LinkToken } from '~/modules/accounts/link-token'
import { NewPassword } from '~/modules/accounts/password-policy.server'
import { MIN_PASSWORD_LENGTH } from '~/modules/accounts/password-rules'
import { checkResetLink, resetPassword } from '~/modules/accounts/password-reset.server'
import { clearSessionCookie } from '~/modules/accounts/session.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

/**
 * /reset-password?token=… is the link in the password-reset e-mail. Opening it
 * only checks the link; the new password is set by the form's POST, which uses
 * the link up and signs the account out everywhere.
 */
export const meta: MetaFunction = () => [{ title: 'Choose a new password — Questlog' }]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const token = LinkToken.safeParse(new URL(request.url).searchParams.get('token') ?? undefined)
  if (!token.success) return data({ valid: false as const }, { status: 400 })
  const link = await checkResetLink(token.data)
  if (!link) return data({ valid: false as const }, { status: 410 })
  return { valid: true as const, token: token.data, email: link.target }
})

const ResetInput = z
  .object({
    token: LinkToken,
    password: NewPassword,
    confirmPassword: z.string({ message: 'Type the new password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  })

/** A link that is malformed, used up or expired: the page offers a new one instead of the form. */
const LINK_INVALID = { linkInvalid: true as const }

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const form = parseForm(await request.formData(), ResetInput)
  if (!form.ok)
    return form.fieldErrors.token
      ? data({ ...LINK_INVALID, fieldErrors: form.fieldErrors }, { status: 400 })
      : refuseForm(form)
  const done = await resetPassword(form.value.token, form.value.password, requestOrigin(request, context))
  if (!done) return data(LINK_INVALID, { status: 410 })
  // Every session of the account has ended, this browser's included.
  return redirectWithToast('/login', 'Your password has been changed. Please log in with the new one.', {
    headers: { 'Set-Cookie': await clearSessionCookie() },
  })
})

export default function ResetPasswordPage() {
  const link = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (!link.valid || (result && 'linkInvalid' in result)) {
    return (
      <Page titleId="reset-title" narrow>
        <h1 id="reset-title">This link is no longer valid</h1>
        <p>Password reset links work once, for one hour, and only the newest one you asked for works.</p>
        <p>
          <Link className="button" to="/forgot-password">
            Ask for a new link
          </Link>
        </p>
      </Page>
    )
  }
  const refusal = result && 'formErrors' in result ? result : undefined
  const errors = refusal?.fieldErrors ?? {}
  return (
    <Page titleId="reset-title" narrow>
      <h1 id="reset-title">Choose a new password</h1>
      <p className="lead">
        For the account of <strong>{link.email}</strong>. Afterwards you will be signed out on every device and can log
        in with the new password.
      </p>
      <ErrorSummary fieldErrors={errors} formErrors={refusal?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <input type="hidden" name="token" value={link.token} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <Field
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A long passphrase is best.`}
          errors={errors.password}
        >
          {(props) => <input type="password" name="password" autoComplete="new-password" required {...props} />}
        </Field>
        <Field label="New password again" errors={errors.confirmPassword}>
          {(props) => <input type="password" name="confirmPassword" autoComplete="new-password" required {...props} />}
        </Field>
        <div>
          <SubmitButton pendingText="Saving…">Set my new password</SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
