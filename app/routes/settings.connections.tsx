import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { ConnectionsForm, PROVIDER_LABELS } from '~/modules/accounts/social-input'
import { listConnections, unlinkProvider } from '~/modules/accounts/social-sign-in.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'
import { configuredProviders } from '~/utils/social-auth.server'
import { formatDayAndTime } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Connections — Settings — Questlog' }]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const { hasPassword, accounts } = await listConnections(user.id)
  const linked = new Set(accounts.map((a) => a.provider))
  return {
    hasPassword,
    accounts: accounts.map((a) => ({
      provider: a.provider,
      email: a.email,
      linkedAt: formatDayAndTime(a.createdAt, user.timezone),
    })),
    linkable: configuredProviders().filter((provider) => !linked.has(provider)),
  }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), ConnectionsForm)
  if (!form.ok) return refuseForm(form)
  try {
    await unlinkProvider(user.id, form.value.provider, requestOrigin(request, context))
  } catch (error) {
    return refuseForm(error)
  }
  return redirectWithToast('/settings/connections', `${PROVIDER_LABELS[form.value.provider]} was unlinked.`)
})

export default function ConnectionsSettings() {
  const { hasPassword, accounts, linkable } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <Page titleId="connections-title">
      <h1 id="connections-title">Connections</h1>
      <p className="lead">
        Accounts at other services you can sign in with.{' '}
        {hasPassword ? 'You can also sign in with your password.' : 'Your account has no password.'}
      </p>
      <ErrorSummary
        formErrors={[
          ...(result?.formErrors ?? []),
          ...Object.values(result?.fieldErrors ?? {}).flatMap((e) => e ?? []),
        ]}
      />
      {accounts.length === 0 ? (
        <p>No other account is linked.</p>
      ) : (
        <ul className="plain-list stack">
          {accounts.map((account) => {
            const label = PROVIDER_LABELS[account.provider]
            return (
              <li key={account.provider} className="card">
                <h2 className="settings-session-title">{label}</h2>
                <dl className="settings-facts">
                  <dt>E-mail at {label}</dt>
                  <dd>{account.email ?? 'not shared'}</dd>
                  <dt>Linked</dt>
                  <dd>{account.linkedAt}</dd>
                </dl>
                <Form method="post">
                  <input type="hidden" name="provider" value={account.provider} />
                  <ConfirmButton
                    name="intent"
                    value="unlink"
                    pendingText="Unlinking…"
                    question={`Unlink ${label}? You will no longer be able to sign in with it.`}
                    confirmLabel={`Yes, unlink ${label}`}
                  >
                    Unlink {label}
                  </ConfirmButton>
                </Form>
              </li>
            )
          })}
        </ul>
      )}
      {linkable.length > 0 ? (
        <section aria-labelledby="link-title" className="stack">
          <h2 id="link-title">Link another account</h2>
          {linkable.map((provider) => (
            <Form key={provider} method="post" action={`/auth/${provider}`} reloadDocument>
              <button type="submit" className="button secondary">
                Link {PROVIDER_LABELS[provider]}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
    </Page>
  )
}
