import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { MIN_PASSWORD_LENGTH } from '~/modules/accounts/password-rules'
import { requireAnonymous } from '~/utils/auth.server'
import { SignupInput, signUp } from '~/modules/accounts/signup.server'
import { parseForm } from '~/utils/forms'
import { configuredProviders } from '~/utils/social-auth.server'
import { SocialSignInButtons } from '~/modules/accounts/components/social-sign-in'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin, safeRedirectPath } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Create your account — Questlog' }]

const WELCOME = 'Welcome to Questlog! Your account is ready. We sent you an e-mail to confirm your address.'

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requireAnonymous(request)
  return { providers: configuredProviders() }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const form = parseForm(await request.formData(), SignupInput)
  if (!form.ok) return refuseForm(form)
  const { email, username, name } = form.value
  try {
    const { setCookie } = await signUp(form.value, requestOrigin(request, context), new URL(request.url).origin)
    return redirectWithToast(safeRedirectPath(form.value.redirectTo, '/'), WELCOME, {
      headers: { 'Set-Cookie': setCookie },
    })
  } catch (error) {
    return refuseForm(error, { values: { email, username, name } })
  }
})

export default function SignupPage() {
  const result = useActionData<typeof action>()
  const { providers } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  // The browser knows the learner's time zone; without JavaScript it stays UTC until changed in the profile.
  const timezone = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (timezone.current) timezone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone
  }, [])
  return (
    <Page titleId="signup-title" narrow>
      <h1 id="signup-title">Create your account</h1>
      <p className="lead">A few minutes a day, and it adds up.</p>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <input type="hidden" name="timezone" ref={timezone} defaultValue="" />
        <Field label="E-mail address" errors={errors.email}>
          {(props) => (
            <input
              type="email"
              name="email"
              autoComplete="email"
              required
              defaultValue={values.email ?? ''}
              {...props}
            />
          )}
        </Field>
        <Field
          label="Username"
          hint="3–20 letters, digits or underscores. Others see it on leaderboards."
          errors={errors.username}
        >
          {(props) => (
            <input name="username" autoComplete="username" required defaultValue={values.username ?? ''} {...props} />
          )}
        </Field>
        <Field label="Your name" errors={errors.name}>
          {(props) => <input name="name" autoComplete="name" required defaultValue={values.name ?? ''} {...props} />}
        </Field>
        <Field
          label="Password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A long passphrase is best.`}
          errors={errors.password}
        >
          {(props) => <input type="password" name="password" autoComplete="new-password" required {...props} />}
        </Field>
        <Field label="Password again" errors={errors.confirmPassword}>
          {(props) => <input type="password" name="confirmPassword" autoComplete="new-password" required {...props} />}
        </Field>
        <div>
          <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
        </div>
      </Form>
      <SocialSignInButtons providers={providers} redirectTo={params.get('redirectTo') ?? ''} verb="Sign up" />
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </Page>
  )
}
