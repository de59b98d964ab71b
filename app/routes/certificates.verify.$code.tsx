import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { CertificateCode } from '~/modules/certificates/certificate-input'
import { verifyCertificate } from '~/modules/certificates/certificates.server'
import { CertificateCard } from '~/modules/certificates/components/certificate-evidence'
import certificateStyles from '~/modules/certificates/components/certificate.css?url'
import { getSessionUser } from '~/utils/auth.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.certificate.title} — ${data.certificate.holderName} — Questlog` : 'Certificate — Questlog' },
  { name: 'robots', content: 'noindex' },
]

/**
 * The public verify page of a certificate (signed out too): the holder's chosen name, the team,
 * the date, the evidence and whether it was revoked — nothing else about the learner
 * (certificates.verify.$code.test.ts). Dates in the viewer's time zone when signed in, else UTC.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const code = CertificateCode.safeParse(params.code)
  if (!code.success) throw new NotFound('No certificate has this code. Check the link you were given.')
  const [certificate, viewer] = await Promise.all([verifyCertificate(code.data), getSessionUser(request)])
  return { certificate, timeZone: viewer?.timezone ?? 'UTC' }
})

export default function VerifyCertificatePage() {
  const { certificate, timeZone } = useLoaderData<typeof loader>()
  return (
    <Page titleId="verify-title">
      <h1 id="verify-title">Certificate check</h1>
      <p className="lead">
        {certificate.revoked
          ? `This certificate was issued by ${certificate.teamName} and has been revoked.`
          : `This certificate was issued by ${certificate.teamName} through Questlog and is valid.`}
      </p>
      <CertificateCard certificate={certificate} timeZone={timeZone} />
    </Page>
  )
}
