import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { kindLabel } from '~/modules/notifications/preference-rules'
import { turnOffEmail } from '~/modules/notifications/preferences.server'
import { readUnsubscribeToken, type UnsubscribeTarget } from '~/modules/notifications/unsubscribe-token.server'
import { page } from '~/utils/http.server'

/**
 * One-click unsubscribe (RFC 8058), the target of a notification e-mail's List-Unsubscribe
 * header. No session: the signed token in the URL names the learner and the types. GET only
 * shows a confirm button (mail scanners follow links); POST turns e-mail off, both from that
 * button and from a mail client's one-click POST (body `List-Unsubscribe=One-Click`), which is
 * why the same-origin check exempts this path (app/utils/same-origin.server.ts).
 */
export const meta: MetaFunction = () => [{ title: 'Unsubscribe — Questlog' }, { name: 'robots', content: 'noindex' }]

const Query = z.object({ token: z.string().min(1).max(2000) })

const INVALID =
  'This unsubscribe link is not valid: it may have been cut off or changed. Open it again from the e-mail, or change your e-mails in your notification settings.'

const labelsOf = (target: UnsubscribeTarget) => target.types.map(kindLabel)

/** The request's token and its target, or null. */
function targetOf(request: Request): (UnsubscribeTarget & { token: string }) | null {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  const target = query.success ? readUnsubscribeToken(query.data.token) : null
  return target && query.success ? { ...target, token: query.data.token } : null
}

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const target = targetOf(request)
  if (!target) return data({ error: INVALID, labels: [] as string[], token: '' }, { status: 400 })
  return { error: null, labels: labelsOf(target), token: target.token }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const target = targetOf(request)
  if (!target) return data({ done: false as const, error: INVALID, labels: [] as string[] }, { status: 400 })
  if (!(await turnOffEmail(target.userId, target.types, new Date())))
    return data(
      { done: false as const, error: 'This account no longer exists: it gets no e-mails.', labels: [] as string[] },
      { status: 404 },
    )
  return { done: true as const, error: null, labels: labelsOf(target) }
})

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const error = result?.error ?? loaded.error
  return (
    <Page titleId="unsubscribe-title" narrow>
      <h1 id="unsubscribe-title">Unsubscribe</h1>
      {error ? (
        <p role="alert" className="card">
          {error}
        </p>
      ) : result?.done ? (
        <p role="status" className="card">
          Done: you get no more e-mails about {result.labels.join(', ')}. You can turn them on again in your{' '}
          <Link to="/settings/notifications">notification settings</Link>.
        </p>
      ) : (
        <Form
          method="post"
          action={`/notifications/unsubscribe?${new URLSearchParams({ token: loaded.token })}`}
          className="stack card"
        >
          <p>Stop e-mails about {loaded.labels.join(', ')}? In-app notifications stay as they are.</p>
          <div>
            <SubmitButton pendingText="Unsubscribing…">Unsubscribe</SubmitButton>
          </div>
        </Form>
      )}
    </Page>
  )
}
