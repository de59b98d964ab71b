import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { PROVIDER_LABELS, type SocialProvider } from '~/modules/accounts/social-input'
import { signInWithProvider } from '~/modules/accounts/social-sign-in.server'
import { sessionTokenFrom } from '~/modules/accounts/session.server'
import { getSessionUser } from '~/utils/auth.server'
import { DomainError } from '~/utils/errors.server'
import { answerFor, page, redirectWithToast } from '~/utils/http.server'
import { enforceLimit } from '~/utils/rate-limit.server'
import { requestOrigin, safeRedirectPath } from '~/utils/request-context.server'
import { endOfFlowCookies, finishSocialSignIn, providerParam, returnPathOf } from '~/utils/social-auth.server'

export const meta: MetaFunction = () => [{ title: 'Signing in — Questlog' }]

interface Refused {
  provider: SocialProvider
  message: string
  signedIn: boolean
}

const WELCOME = 'Welcome to Questlog! Your account is ready.'

/**
 * Where GitHub or Google sends the browser back: the flow is finished, the person signed in,
 * signed up or linked (the accounts module decides), and the one-time cookies dropped.
 * A refusal stays on this page with its reason.
 */
export const loader = page(async ({ request, params, context }: LoaderFunctionArgs) => {
  const { provider, config } = providerParam(params.provider)
  const origin = requestOrigin(request, context)
  const headers = new Headers()
  for (const cookie of await endOfFlowCookies(request, provider)) headers.append('Set-Cookie', cookie)
  const signedIn = await getSessionUser(request)
  try {
    await enforceLimit('login:ip', origin.ip)
    const profile = await finishSocialSignIn(request, provider, config)
    const previousToken = await sessionTokenFrom(request.headers.get('cookie'))
    const outcome = await signInWithProvider(profile, signedIn, previousToken, origin)
    const label = PROVIDER_LABELS[provider]
    const back = await returnPathOf(request)
    switch (outcome.kind) {
      case 'linked':
        return redirectWithToast('/settings/connections', `${label} is now linked to your account.`, { headers })
      case 'already-linked':
        return redirectWithToast('/settings/connections', `This ${label} account was already linked to yours.`, {
          headers,
        })
      case 'signed-up':
        headers.append('Set-Cookie', outcome.setCookie)
        return redirectWithToast(safeRedirectPath(back, '/'), WELCOME, { headers })
      case 'linked-by-email':
        headers.append('Set-Cookie', outcome.setCookie)
        return redirectWithToast(
          safeRedirectPath(back, '/'),
          `${label} is now linked to your account: next time, one click signs you in.`,
          { headers },
        )
      case 'signed-in':
        headers.append('Set-Cookie', outcome.setCookie)
        return redirectWithToast(safeRedirectPath(back, '/'), `Signed in with ${label}.`, { headers })
    }
  } catch (error) {
    const answer = error instanceof DomainError ? answerFor(error) : undefined
    if (!answer) throw error
    answer.headers.forEach((value, name) => headers.append(name, value))
    const refused: Refused = { provider, message: answer.body.error, signedIn: signedIn !== null }
    return data(refused, { status: answer.status, headers })
  }
})

export default function SocialSignInRefusedPage() {
  const { provider, message, signedIn } = useLoaderData<Refused>()
  const label = PROVIDER_LABELS[provider]
  return (
    <Page titleId="social-refused-title" narrow>
      <h1 id="social-refused-title">Signing in with {label} did not work</h1>
      <p role="alert">{message}</p>
      <p>
        {signedIn ? (
          <Link to="/settings/connections">Back to your connections</Link>
        ) : (
          <Link to="/login">Back to log in</Link>
        )}
      </p>
    </Page>
  )
}
