import type { LoaderFunctionArgs } from '@remix-run/node'
import { teamCertificates } from '~/modules/certificates/certificates.server'
import { teamAccess } from '~/modules/teams/access.server'
import { requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/teams/:teamId/certificates (docs/api.md): the team's certificate definitions, who
 * meets each now, and the certificates issued — for those who may see the team's members.
 * Signed out 401, outsiders 403, unknown team 404.
 */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireApiUser(request), params.teamId, 'read:team-members:own-team')
  const { topics: _forms, ...certificates } = await teamCertificates(access)
  return json({ team: { id: access.team.id, name: access.team.name }, ...certificates })
})
