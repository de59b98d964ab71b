import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { changeOwnPassword } from '~/modules/accounts/password-change.server'
import { NewPassword } from '~/modules/accounts/password-policy.server'
import { MIN_PASSWORD_LENGTH } from '~/modules/accounts/password-rules'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Password — Settings — Questlog' }]

const PasswordForm = z
  .object({
    currentPassword: z
      .string({ message: 'Enter your current password' })
      .min(1, 'Enter your current password')
      .max(4096, 'Enter your current password'),
    newPassword: NewPassword,
    confirmPassword: z.string({ message: 'Type the new password again' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords do not match',
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from your current one',
  })

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request)
  return null
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), PasswordForm)
  if (!form.ok) return refuseForm(form)
  try {
    const ended = await changeOwnPassword(user, form.value, requestOrigin(request, context))
    const others =
      ended > 0
        ? `You were signed out on ${ended} other ${ended === 1 ? 'device' : 'devices'}.`
        : 'No other devices were signed in.'
    return redirectWithToast('/settings/password', `Your password was changed. ${others}`)
  } catch (error) {
    return refuseForm(error)
  }
})

export default function PasswordSettings() {
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  return (
    <Page titleId="password-title">
      <h1 id="password-title">Password</h1>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <Field label="Current password" errors={errors.currentPassword}>
          {(props) => <input type="password" name="currentPassword" autoComplete="current-password" {...props} />}
        </Field>
        <Field
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters; a long passphrase is best.`}
          errors={errors.newPassword}
        >
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
    </Page>
  )
}
