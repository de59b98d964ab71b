import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { authenticateLogin, requireAnonymous } from '~/utils/auth.server'
import { configuredProviders } from '~/utils/social-auth.server'
import { SocialSignInButtons } from '~/modules/accounts/components/social-sign-in'
import { page, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Log in — Questlog' }]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requireAnonymous(request)
  return { providers: configuredProviders() }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const sent = await request.clone().formData()
  const values = {
    email: String(sent.get('email') ?? '')
      .trim()
      .toLowerCase(),
    redirectTo: String(sent.get('redirectTo') ?? ''),
  }
  try {
    const result = await authenticateLogin(request, requestOrigin(request, context))
    if (!result.ok) return refuseForm(result, { values })
    return redirect(result.redirectTo, { headers: { 'Set-Cookie': result.setCookie } })
  } catch (error) {
    return refuseForm(error, { values })
  }
})

export default function LoginPage() {
  const result = useActionData<typeof action>()
  const { providers } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const redirectTo = result?.values.redirectTo ?? params.get('redirectTo') ?? ''
  return (
    <Page titleId="login-title" narrow>
      <h1 id="login-title">Log in</h1>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
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
        <Field label="Password" errors={result?.fieldErrors.password}>
          {(props) => <input type="password" name="password" autoComplete="current-password" required {...props} />}
        </Field>
        <div className="actions">
          <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <SocialSignInButtons providers={providers} redirectTo={redirectTo} verb="Log in" />
      <p>
        New to Questlog?{' '}
        <Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'}>Create an account</Link>
      </p>
    </Page>
  )
}
