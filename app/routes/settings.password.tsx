import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import { changePassword } from '~/modules/accounts/accounts.server'
import { NewPassword } from '~/modules/accounts/password-policy.server'
import { MIN_PASSWORD_LENGTH } from '~/modules/accounts/password-rules'
import { endOtherSessions, requireUser } from '~/modules/accounts/session.server'
import { recordAudit } from '~/modules/system/audit.server'
import { withHttpErrors } from '~/utils/errors.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { check, consume, reset, retryAfterMessage } from '~/utils/rate-limit.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Password — Settings — Questlog' }]

const PasswordForm = z
  .object({
    currentPassword: z.string({ message: 'Enter your current password' }).min(1, 'Enter your current password').max(4096, 'Enter your current password'),
    newPassword: NewPassword,
    confirmPassword: z.string({ message: 'Type the new password again' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords do not match' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password different from your current one' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const params = new URL(request.url).searchParams
  return { changed: params.get('changed') === '1', endedSessions: Math.max(0, Number(params.get('ended')) || 0) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const origin = requestOrigin(request, context)
  const form = parseForm(await request.formData(), PasswordForm)
  // Passwords are never sent back to the browser.
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, formErrors: form.formErrors }, { status: 400 })

  // Wrong guesses count against the same limits as failed logins: a stolen session cannot try passwords freely.
  const limitKey = `${user.email}|${origin.ip}`
  const locked = await check('login-failures:account-ip', limitKey)
  if (!locked.ok) {
    const message = retryAfterMessage(locked.retryAfterSeconds)
    return data({ fieldErrors: { currentPassword: [message] } as FieldErrors, formErrors: [] }, { status: 429, headers: { 'Retry-After': String(locked.retryAfterSeconds) } })
  }
  const { currentPassword, newPassword } = form.value
  if (!(await withHttpErrors(() => changePassword(user.id, currentPassword, newPassword)))) {
    await consume('login-failures:account-ip', limitKey)
    return data({ fieldErrors: { currentPassword: ['Your current password is not correct'] } as FieldErrors, formErrors: [] }, { status: 400 })
  }
  await reset('login-failures:account-ip', limitKey)
  const ended = await endOtherSessions(user.id, user.sessionId)
  await recordAudit({ action: 'auth.password.changed', actorId: user.id, targetType: 'User', targetId: user.id, origin, metadata: { otherSessionsEnded: ended } })
  return redirect(`/settings/password?changed=1&ended=${ended}`)
}

export default function PasswordSettings() {
  const { changed, endedSessions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  return (
    <section aria-labelledby="password-title">
      <h1 id="password-title">Password</h1>
      {changed && !result ? (
        <p className="notice" role="status">
          Your password was changed.{' '}
          {endedSessions > 0
            ? `You were signed out on ${endedSessions} other ${endedSessions === 1 ? 'device' : 'devices'}.`
            : 'No other devices were signed in.'}
        </p>
      ) : null}
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <Field label="Current password" errors={errors.currentPassword}>
          {(props) => <input type="password" name="currentPassword" autoComplete="current-password" {...props} />}
        </Field>
        <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters; a long passphrase is best.`} errors={errors.newPassword}>
          {(props) => <input type="password" name="newPassword" autoComplete="new-password" {...props} />}
        </Field>
        <Field label="New password again" errors={errors.confirmPassword}>
          {(props) => <input type="password" name="confirmPassword" autoComplete="new-password" {...props} />}
        </Field>
        <p className="hint">Changing your password signs you out on every other device.</p>
        <div>
          <SubmitButton pendingText="Changing…">Change password</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
