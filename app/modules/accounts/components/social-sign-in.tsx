import { Form } from '@remix-run/react'
import { PROVIDER_LABELS, type SocialProvider } from '../social-input'

/**
 * "Continue with GitHub / Google": one plain POST form per configured provider. The whole
 * document is submitted (reloadDocument) so the browser itself follows the redirect to
 * the provider and keeps the state cookie it was given, with or without JavaScript.
 */
export function SocialSignInButtons({
  providers,
  redirectTo,
  verb,
}: {
  providers: SocialProvider[]
  redirectTo?: string
  verb: string
}) {
  if (providers.length === 0) return null
  return (
    <section aria-labelledby="social-sign-in-title" className="stack social-sign-in">
      <h2 id="social-sign-in-title" className="visually-hidden">
        {verb} with another account
      </h2>
      {providers.map((provider) => (
        <Form key={provider} method="post" action={`/auth/${provider}`} reloadDocument>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <button type="submit" className="button secondary">
            {verb} with {PROVIDER_LABELS[provider]}
          </button>
        </Form>
      ))}
    </section>
  )
}
