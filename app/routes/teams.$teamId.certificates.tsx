import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { CertificateAdminAction } from '~/modules/certificates/certificate-input'
import { runCertificateAction, teamCertificates } from '~/modules/certificates/certificates.server'
import certificateStyles from '~/modules/certificates/components/certificate.css?url'
import { TeamCertificatesSection } from '~/modules/certificates/components/team-certificates-section'
import { teamAccess } from '~/modules/teams/access.server'
import { joinAll } from '~/modules/teams/team-input'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Certificates of ${data?.team.name ?? 'the team'} — Questlog` },
]

/**
 * A team's certificates (the same section as on the team page, which posts its forms here):
 * whoever may see the team's members reads it; owners and admins define, archive, issue and
 * revoke (the certificates module checks the role). Done → back to the team page with a toast.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'read:team-members:own-team')
  return {
    team: { id: access.team.id, name: access.team.name },
    timeZone: access.user.timezone,
    certificates: await teamCertificates(access),
  }
})

export const action = page(async ({ request, params, context }: ActionFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'read:team-members:own-team')
  const formData = await request.formData()
  const form = parseForm(joinAll(formData, 'topics'), CertificateAdminAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  try {
    const done = await runCertificateAction(access, form.value, { origin: requestOrigin(request, context) })
    return redirectWithToast(`/teams/${access.team.id}#certificates`, done)
  } catch (error) {
    return refuseForm(error, { intent: form.value.intent, values: valuesOf(formData) })
  }
})

/** What was typed, to show a refused form again (checkboxes comma-joined). */
function valuesOf(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of joinAll(formData, 'topics')) if (typeof value === 'string') values[key] = value
  return values
}

export default function TeamCertificatesPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <Page titleId="team-certificates-title">
      <p>
        <Link to={`/teams/${data.team.id}`}>← {data.team.name}</Link>
      </p>
      <h1 id="team-certificates-title">Certificates of {data.team.name}</h1>
      <TeamCertificatesSection
        teamId={data.team.id}
        data={data.certificates}
        timeZone={data.timeZone}
        result={result}
      />
    </Page>
  )
}
