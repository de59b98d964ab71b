import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { platformRoleCan, teamRoleCan } from '~/modules/accounts/permissions'
import { requireUser } from '~/utils/auth.server'
import { displayName } from '~/modules/teams/format'
import { formatDay } from '~/utils/time'
import { acceptInvitation, declineInvitation, listMyInvitations } from '~/modules/teams/invites.server'
import { TeamsPageAction } from '~/modules/teams/team-input'
import { ROLE_LABEL } from '~/modules/teams/team-rules'
import { createTeamAs, leaveTeam, listMyTeams, switchActiveTeam } from '~/modules/teams/teams.server'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { requestOrigin, safeRedirectPath } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Your teams — Questlog' }]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  // Invitations to an address the account has not confirmed are reached only through the link in the e-mail.
  const [teams, invitations] = await Promise.all([
    listMyTeams(user.id),
    user.emailVerifiedAt ? listMyInvitations(user.email) : [],
  ])
  return {
    activeTeamId: user.activeTeamId,
    timeZone: user.timezone,
    canCreate: platformRoleCan(user.role, 'create:team:own'),
    teams: teams.map((team) => ({
      id: team.id,
      name: team.name,
      role: team.role,
      archived: team.archivedAt !== null,
      canManage: teamRoleCan(team.role, 'read:team-members:own-team'),
      canEditSettings: teamRoleCan(team.role, 'update:team-settings:own-team'),
    })),
    invitations: invitations.map((invite) => ({
      id: invite.id,
      role: invite.role,
      teamName: invite.team.name,
      invitedBy: invite.invitedBy ? displayName(invite.invitedBy) : null,
      expiresAt: invite.expiresAt.toISOString(),
    })),
    // Invitations are matched by address, so they show only once the address is proven.
    emailConfirmed: user.emailVerifiedAt !== null,
  }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, TeamsPageAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  const input = form.value
  const origin = requestOrigin(request, context)
  try {
    switch (input.intent) {
      case 'create': {
        const team = await createTeamAs(user, input, origin)
        return redirect(`/teams/${team.id}`)
      }
      case 'switch':
        await switchActiveTeam(user.id, input.teamId)
        return redirectWithToast(
          safeRedirectPath(input.redirectTo, '/teams'),
          'You now act for the team marked "active".',
        )
      case 'leave':
        await leaveTeam({ teamId: input.teamId, userId: user.id, origin })
        return redirectWithToast('/teams', 'You left the team.')
      case 'accept-invite':
        await acceptInvitation({ id: input.inviteId }, user, origin)
        return redirectWithToast('/teams', 'Welcome! You joined the team.')
      case 'decline-invite':
        await declineInvitation({ id: input.inviteId }, user, origin)
        return redirectWithToast('/teams', 'You declined the invitation.')
    }
  } catch (error) {
    return refuseForm(error, {
      intent: input.intent,
      values: input.intent === 'create' ? { name: input.name, description: input.description ?? '' } : {},
    })
  }
})

export default function TeamsPage() {
  const { teams, invitations, activeTeamId, canCreate, timeZone, emailConfirmed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const createErrors = result?.intent === 'create' ? result : undefined
  const otherError = result && result.intent !== 'create' ? result : undefined
  return (
    <Page titleId="teams-title" className="teams-page">
      <h1 id="teams-title">Your teams</h1>
      <ErrorSummary fieldErrors={otherError?.fieldErrors} formErrors={otherError?.formErrors} />

      {emailConfirmed ? null : (
        <p className="hint">
          Invitations sent to your address appear here once you have <Link to="/verify-email">confirmed it</Link>. The
          link in an invitation e-mail works right away.
        </p>
      )}
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title">Invitations for you</h2>
          <ul className="plain-list stack-list">
            {invitations.map((invite) => (
              <li key={invite.id} className="card team-invitation">
                <p>
                  <strong>{invite.teamName}</strong> invites you as {ROLE_LABEL[invite.role].toLowerCase()}
                  {invite.invitedBy ? ` (sent by ${invite.invitedBy})` : ''}. Valid until{' '}
                  {formatDay(invite.expiresAt, timeZone)}.
                </p>
                <Form method="post" className="inline-actions">
                  <input type="hidden" name="inviteId" value={invite.id} />
                  <SubmitButton name="intent" value="accept-invite" pendingText="Joining…">
                    Accept<span className="visually-hidden"> the invitation to {invite.teamName}</span>
                  </SubmitButton>
                  <SubmitButton
                    name="intent"
                    value="decline-invite"
                    className="button secondary"
                    pendingText="Declining…"
                  >
                    Decline<span className="visually-hidden"> the invitation to {invite.teamName}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="my-teams-title">
        <h2 id="my-teams-title">Teams you belong to</h2>
        {teams.length === 0 ? (
          <p>You are not in a team yet. Create one below, or ask a team admin to invite you.</p>
        ) : (
          <table className="teams-table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Your role</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => {
                const active = team.id === activeTeamId
                return (
                  <tr
                    key={team.id}
                    aria-current={active ? 'true' : undefined}
                    className={active ? 'team-active' : undefined}
                  >
                    <td>
                      {team.canManage ? <Link to={`/teams/${team.id}`}>{team.name}</Link> : team.name}
                      {active ? <span className="badge"> Active</span> : null}
                      {team.archived ? <span className="badge muted"> Archived</span> : null}
                    </td>
                    <td>{ROLE_LABEL[team.role]}</td>
                    <td>
                      <div className="inline-actions">
                        {active ? null : (
                          <Form method="post">
                            <input type="hidden" name="teamId" value={team.id} />
                            <SubmitButton
                              name="intent"
                              value="switch"
                              className="button secondary"
                              pendingText="Switching…"
                            >
                              Switch to this team<span className="visually-hidden">: {team.name}</span>
                            </SubmitButton>
                          </Form>
                        )}
                        {team.canManage ? (
                          <Link to={`/teams/${team.id}`}>
                            Members<span className="visually-hidden"> of {team.name}</span>
                          </Link>
                        ) : null}
                        {team.canEditSettings ? (
                          <Link to={`/teams/${team.id}/settings`}>
                            Settings<span className="visually-hidden"> of {team.name}</span>
                          </Link>
                        ) : null}
                        {team.role === 'owner' ? (
                          <span className="hint">To leave, transfer ownership first.</span>
                        ) : (
                          <Form method="post">
                            <input type="hidden" name="teamId" value={team.id} />
                            <SubmitButton name="intent" value="leave" className="button danger" pendingText="Leaving…">
                              Leave team<span className="visually-hidden"> {team.name}</span>
                            </SubmitButton>
                          </Form>
                        )}
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>

      {canCreate ? (
        <section aria-labelledby="create-team-title">
          <h2 id="create-team-title">Create a team</h2>
          <ErrorSummary fieldErrors={createErrors?.fieldErrors} formErrors={createErrors?.formErrors} />
          <Form method="post" className="stack card" noValidate>
            <Field label="Team name" hint="2 to 60 characters." errors={createErrors?.fieldErrors.name}>
              {(props) => (
                <input name="name" maxLength={60} defaultValue={createErrors?.values.name ?? ''} {...props} />
              )}
            </Field>
            <Field
              label="Description (optional)"
              hint="Up to 500 characters."
              errors={createErrors?.fieldErrors.description}
            >
              {(props) => (
                <textarea
                  name="description"
                  maxLength={500}
                  defaultValue={createErrors?.values.description ?? ''}
                  {...props}
                />
              )}
            </Field>
            <div>
              <SubmitButton name="intent" value="create" pendingText="Creating…">
                Create team
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  )
}
