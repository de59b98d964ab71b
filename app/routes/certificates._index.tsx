import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { myCertificates } from '~/modules/certificates/certificates.server'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'
import { formatDay } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Your certificates — Questlog' }]

/** The signed-in learner's certificates, each with its printable page, PDF and public verify link. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { certificates: await myCertificates(user.id), timeZone: user.timezone }
})

export default function MyCertificatesPage() {
  const { certificates, timeZone } = useLoaderData<typeof loader>()
  return (
    <Page titleId="certificates-title">
      <h1 id="certificates-title">Your certificates</h1>
      {certificates.length === 0 ? (
        <p>
          None yet. Your team&rsquo;s admins define certificates; when your mastery meets one, they (or Questlog) issue
          it to you.
        </p>
      ) : (
        <ul className="plain-list stack-list">
          {certificates.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/certificates/${c.id}`}>{c.title}</Link>
                {c.revoked ? <span className="badge muted"> Revoked</span> : null}
              </h2>
              <p className="hint">
                {c.teamName} · <time dateTime={c.issuedAt}>{formatDay(c.issuedAt, timeZone)}</time> ·{' '}
                <a href={`/certificates/${c.id}.pdf`}>PDF</a> · <Link to={c.verifyPath}>public verify page</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
