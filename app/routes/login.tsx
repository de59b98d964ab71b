import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { HoneypotField } from '~/components/ui/honeypot-field'
import { SubmitButton } from '~/components/ui/submit-button'
import { attemptLogin } from '~/modules/accounts/auth.server'
import { requireAnonymous } from '~/modules/accounts/session.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Log in — Questlog' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const result = await attemptLogin(request, requestOrigin(request, context))
  if (result.ok) return redirect(result.redirectTo, { headers: { 'Set-Cookie': result.setCookie } })
  const { status, retryAfterSeconds, ...body } = result
  return data(body, { status, headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : undefined })
}

const NOTICES: Record<string, string> = {
  reset: 'Your password has been changed. Please log in with the new one.',
  everywhere: 'You have been signed out on every device.',
}

export default function LoginPage() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const notice = Object.entries(NOTICES).find(([key]) => params.has(key))?.[1]
  const redirectTo = result?.values.redirectTo ?? params.get('redirectTo') ?? ''
  return (
    <section aria-labelledby="login-title" className="narrow">
      <h1 id="login-title">Log in</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="E-mail address" errors={result?.fieldErrors.email}>
          {(props) => <input type="email" name="email" autoComplete="email" required defaultValue={result?.values.email ?? ''} {...props} />}
        </Field>
        <Field label="Password" errors={result?.fieldErrors.password}>
          {(props) => <input type="password" name="password" autoComplete="current-password" required {...props} />}
        </Field>
        <div className="actions">
          <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p>
        New to Questlog? <Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'}>Create an account</Link>
      </p>
    </section>
  )
}
