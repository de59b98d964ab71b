import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireDevMailbox } from '~/modules/notifications/dev-mailbox.server'
import { linkify } from '~/modules/notifications/linkify'
import { findOutboxEmail, headersOf } from '~/modules/notifications/mailer.server'
import { invariantResponse, page } from '~/utils/http.server'
import { formatUtc } from '~/utils/time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.subject ?? 'E-mail'} — Dev mailbox — Questlog` },
]

const Params = z.object({ emailId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/i) })

export const loader = page(async ({ params }: LoaderFunctionArgs) => {
  requireDevMailbox()
  const parsed = Params.safeParse(params)
  invariantResponse(parsed.success, 'Not found', { status: 404 })
  const email = await findOutboxEmail(parsed.data.emailId)
  invariantResponse(email, 'Not found', { status: 404 })
  return {
    ...email,
    headers: Object.entries(headersOf(email.headers) ?? {}),
    createdAt: email.createdAt.toISOString(),
    sentAt: email.sentAt?.toISOString() ?? null,
  }
})

/** The text body with its links clickable; the HTML body is never rendered here. */
export default function DevMailboxMessage() {
  const email = useLoaderData<typeof loader>()
  return (
    <article className="card mail-message" aria-labelledby="mail-subject">
      <h2 id="mail-subject">{email.subject}</h2>
      <dl className="mail-meta">
        <dt>To</dt>
        <dd>{email.to}</dd>
        <dt>Template</dt>
        <dd>{email.template ?? '—'}</dd>
        <dt>Status</dt>
        <dd>
          {email.status}
          {email.attempts > 0 ? ` (${email.attempts} ${email.attempts === 1 ? 'attempt' : 'attempts'})` : ''}
          {email.error ? ` — ${email.error}` : ''}
        </dd>
        <dt>Time</dt>
        <dd>
          <time dateTime={email.createdAt}>{formatUtc(email.createdAt)}</time>
        </dd>
        {email.headers.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd className="mail-header-value">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mail-text" data-testid="mail-text">
        {linkify(email.text).map((part, index) =>
          part.kind === 'link' ? (
            <a key={index} href={part.href}>
              {part.href}
            </a>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </div>
      <p>
        <Link to="/dev/mailbox">Back to all e-mails</Link>
      </p>
    </article>
  )
}
