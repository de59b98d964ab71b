import type { LoaderFunctionArgs } from '@remix-run/node'
import { CertificateId } from '~/modules/certificates/certificate-input'
import { certificatePdf } from '~/modules/certificates/certificate-pdf.server'
import { myCertificate } from '~/modules/certificates/certificates.server'
import { requireUser } from '~/utils/auth.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

/** GET /certificates/:id.pdf — the holder's certificate as a PDF download (their own only). */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const id = CertificateId.safeParse(params.id)
  if (!id.success) throw new NotFound('You hold no such certificate.')
  const certificate = await myCertificate(user.id, id.data)
  const pdf = await certificatePdf(certificate, {
    verifyUrl: new URL(certificate.verifyPath, request.url).toString(),
    timeZone: user.timezone,
  })
  const filename = `certificate-${certificate.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'questlog'}.pdf`
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'private, no-store',
    },
  })
})
