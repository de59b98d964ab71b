import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { CertificateId } from '~/modules/certificates/certificate-input'
import { myCertificate } from '~/modules/certificates/certificates.server'
import { CertificateCard } from '~/modules/certificates/components/certificate-evidence'
import certificateStyles from '~/modules/certificates/components/certificate.css?url'
import { requireUser } from '~/utils/auth.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.certificate.title} — Questlog` : 'Certificate — Questlog' },
]

/** The holder's printable certificate (their own only: anyone else's is not found), with its PDF and verify link. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const id = CertificateId.safeParse(params.id)
  if (!id.success) throw new NotFound('You hold no such certificate.')
  const certificate = await myCertificate(user.id, id.data)
  return {
    certificate,
    verifyUrl: new URL(certificate.verifyPath, request.url).toString(),
    timeZone: user.timezone,
  }
})

export default function PrintableCertificatePage() {
  const { certificate, verifyUrl, timeZone } = useLoaderData<typeof loader>()
  return (
    <Page titleId="printable-title" className="certificate-page">
      <p className="no-print">
        <Link to="/certificates">← Your certificates</Link>
      </p>
      <h1 id="printable-title" className="visually-hidden">
        {certificate.title}
      </h1>
      <CertificateCard certificate={certificate} timeZone={timeZone} />
      <p className="certificate-verify">
        Check it at <a href={verifyUrl}>{verifyUrl}</a>
      </p>
      <p className="certificate-actions no-print">
        <a className="button" href={`/certificates/${certificate.id}.pdf`} download>
          Download PDF
        </a>
        <span className="hint">Or print this page: the navigation is left out of the print.</span>
      </p>
    </Page>
  )
}
