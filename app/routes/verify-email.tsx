import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { checkEmailLink, confirmEmail, resendVerificationEmail } from '~/modules/accounts/email-verification.server'
import { LinkToken } from '~/modules/accounts/link-token'
import { requireUser } from '~/utils/auth.server'
import { useOptionalUser } from '~/root'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { page, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

/**
 * /verify-email?token=… is the link in the verification e-mail. Opening it only
 * shows a "Confirm my address" button: the address is confirmed by that POST,
 * so a mail scanner that follows links cannot use the link up.
 * /verify-email without a token lets a signed-in user ask for a new link.
 */
export const meta: MetaFunction = () => [{ title: 'Confirm your e-mail address — Questlog' }]

const LINK_INVALID = 'This link is no longer valid: it has expired, was already used, or a newer link was sent.'

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const params = new URL(request.url).searchParams
  if (params.has('verified')) return { view: 'verified' as const }
  const rawToken = params.get('token')
  if (rawToken !== null) {
    const token = LinkToken.safeParse(rawToken)
    if (!token.success) return data({ view: 'invalid' as const }, { status: 400 })
    const link = await checkEmailLink(token.data)
    if (!link) return data({ view: 'invalid' as const }, { status: 410 })
    return { view: 'confirm' as const, token: token.data, email: link.target }
  }
  const user = await requireUser(request)
  return { view: 'resend' as const, email: user.email, verified: user.emailVerifiedAt !== null }
})

const Intent = z.object({
  intent: z.enum(['confirm', 'resend'], { message: 'Choose what to do: confirm the address or send a new link' }),
})
const ConfirmInput = z.object({ token: LinkToken })

/** The link was malformed, used or expired: the page offers a new one. */
const linkInvalid = (status: number, fieldErrors: FieldErrors = {}) =>
  data({ ok: false as const, linkInvalid: true as const, fieldErrors, formErrors: [LINK_INVALID] }, { status })

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const formData = await request.formData()
  const intent = parseForm(formData, Intent)
  if (!intent.ok) return refuseForm(intent)

  if (intent.value.intent === 'confirm') {
    const form = parseForm(formData, ConfirmInput)
    if (!form.ok) return linkInvalid(400, form.fieldErrors)
    const confirmed = await confirmEmail(form.value.token, requestOrigin(request, context))
    if (!confirmed) return linkInvalid(410)
    return redirect('/verify-email?verified=1')
  }

  const user = await requireUser(request)
  if (user.emailVerifiedAt) return { ok: true as const, message: `Your address ${user.email} is already confirmed.` }
  try {
    await resendVerificationEmail(user, new URL(request.url).origin)
  } catch (error) {
    return refuseForm(error, { intent: 'resend' })
  }
  return { ok: true as const, message: `We sent a new link to ${user.email}. It works once and for 24 hours.` }
})

export default function VerifyEmailPage() {
  const view = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if ((result && 'linkInvalid' in result) || view.view === 'invalid') return <LinkInvalid />
  return (
    <Page titleId="verify-title" narrow>
      {view.view === 'verified' ? <Verified /> : null}
      {view.view === 'confirm' ? (
        <>
          <h1 id="verify-title">Confirm your e-mail address</h1>
          <ErrorSummary
            formErrors={result && !result.ok ? result.formErrors : undefined}
            fieldErrors={result && !result.ok ? result.fieldErrors : undefined}
          />
          <p>
            Confirm that <strong>{view.email}</strong> is your address on Questlog.
          </p>
          <Form method="post" className="card">
            <input type="hidden" name="token" value={view.token} />
            <SubmitButton name="intent" value="confirm" pendingText="Confirming…">
              Confirm my address
            </SubmitButton>
          </Form>
        </>
      ) : null}
      {view.view === 'resend' ? (
        <>
          <h1 id="verify-title">Confirm your e-mail address</h1>
          {result && result.ok ? (
            <p className="notice" role="status">
              {result.message}
            </p>
          ) : (
            <ErrorSummary
              formErrors={result && !result.ok ? result.formErrors : undefined}
              fieldErrors={result && !result.ok ? result.fieldErrors : undefined}
            />
          )}
          {view.verified ? (
            <p>
              Your address <strong>{view.email}</strong> is already confirmed. <Link to="/">Go to the home page</Link>
            </p>
          ) : (
            <>
              <p>
                We sent a link to <strong>{view.email}</strong> when you signed up. Did it not arrive, or has it
                expired? We can send a new one.
              </p>
              <ResendForm />
            </>
          )}
        </>
      ) : null}
    </Page>
  )
}

function ResendForm() {
  return (
    <Form method="post" action="/verify-email" className="card">
      <SubmitButton name="intent" value="resend" pendingText="Sending…">
        Send a new link
      </SubmitButton>
    </Form>
  )
}

function Verified() {
  const user = useOptionalUser()
  return (
    <>
      <h1 id="verify-title">Your address is confirmed</h1>
      <p className="notice" role="status">
        Thank you: your e-mail address is confirmed.
      </p>
      <p>{user ? <Link to="/">Go to the home page</Link> : <Link to="/login">Log in</Link>}</p>
    </>
  )
}

function LinkInvalid() {
  return (
    <Page titleId="verify-title" narrow>
      <h1 id="verify-title">This link is no longer valid</h1>
      <p>{LINK_INVALID}</p>
      <p>
        Links in our e-mails work once and for a limited time. Ask for a new one (you will be asked to log in first):
      </p>
      <ResendForm />
    </Page>
  )
}
