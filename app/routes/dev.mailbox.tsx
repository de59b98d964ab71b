import { type MetaFunction } from '@remix-run/node'
import { Link, Outlet, useLoaderData, useParams } from '@remix-run/react'
import { requireDevMailbox } from '~/modules/notifications/dev-mailbox.server'
import { listOutbox } from '~/modules/notifications/mailer.server'
import { page } from '~/utils/http.server'
import { formatUtc } from '~/utils/time'
import { Page } from '~/components/ui/page'

/**
 * The development mailbox: every e-mail the app "sent", read from the outbox,
 * with the selected message above the list. Only where DEV_MAILBOX is on;
 * elsewhere it does not exist (404). Tests and Playwright read messages here.
 */
export const meta: MetaFunction = () => [{ title: 'Dev mailbox — Questlog' }]

export const loader = page(async () => {
  requireDevMailbox()
  const emails = await listOutbox(100)
  return {
    emails: emails.map((e) => ({
      id: e.id,
      to: e.to,
      subject: e.subject,
      template: e.template,
      status: e.status,
      createdAt: e.createdAt.toISOString(),
    })),
  }
})

export default function DevMailbox() {
  const { emails } = useLoaderData<typeof loader>()
  const { emailId } = useParams()
  return (
    <Page titleId="mailbox-title" className="mailbox">
      <h1 id="mailbox-title">Dev mailbox</h1>
      <p className="lead">
        E-mails stored in the outbox, newest first. This page exists only in development; nothing here was necessarily
        delivered.
      </p>
      <Outlet />
      <h2 id="mail-list-title">{emailId ? 'All e-mails' : 'E-mails'}</h2>
      {emails.length === 0 ? (
        <p>No e-mails yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="mail-list" aria-labelledby="mail-list-title">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id} className={email.id === emailId ? 'selected' : undefined}>
                  <th scope="row">
                    <Link to={`/dev/mailbox/${email.id}`} aria-current={email.id === emailId ? 'page' : undefined}>
                      {email.subject}
                    </Link>
                  </th>
                  <td>{email.to}</td>
                  <td>{email.template ?? '—'}</td>
                  <td>{email.status}</td>
                  <td>
                    <time dateTime={email.createdAt}>{formatUtc(email.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  )
}
