import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { UsageMeter } from '~/components/ui/usage-meter'
import { TEAM_ROLES, type TeamPermission, teamRoleCan } from '~/modules/accounts/permissions'
import { teamBilling } from '~/modules/billing/billing-state.server'
import { TeamBillingSection } from '~/modules/billing/team-billing-section'
import { teamCertificates } from '~/modules/certificates/certificates.server'
import { TeamCertificatesSection } from '~/modules/certificates/components/team-certificates-section'
import { serverNow } from '~/utils/clock.server'
import { teamChallenges } from '~/modules/challenges/challenges.server'
import { TeamChallenges } from '~/modules/challenges/components/team-challenges'
import { memberProgress } from '~/modules/learning/progress.server'
import { TeamQuestsSection } from '~/modules/quests/components/team-quests-section'
import { teamQuestBoard } from '~/modules/quests/team-quests.server'
import { teamAccess } from '~/modules/teams/access.server'
import { runTeamAdminAction } from '~/modules/teams/admin-actions.server'
import { displayName } from '~/modules/teams/format'
import { formatDay } from '~/utils/time'
import { listPendingInvites } from '~/modules/teams/invites.server'
import { seatsFor } from '~/modules/teams/seats.server'
import { TeamAdminAction } from '~/modules/teams/team-input'
import {
  ADD_SEATS_HINT,
  type Actor,
  INVITE_TTL_DAYS,
  ROLE_LABEL,
  countOf,
  invitableRoles,
  removalRefusal,
  roleChangeRefusal,
} from '~/modules/teams/team-rules'
import { getTeamOverview } from '~/modules/teams/teams.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { type FormRefusal, page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? 'Team'} — Questlog` }]

export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'read:team-members:own-team')
  const teamId = access.team.id
  const can = (permission: TeamPermission) => access.role !== null && teamRoleCan(access.role, permission)
  const actor: Actor = { userId: access.user.id, role: access.role }
  const seatsRead = seatsFor(teamId)
  const [team, seats, invites, billing, assignedQuests, certificates, challenges] = await Promise.all([
    getTeamOverview(teamId),
    seatsRead,
    can('manage:team-invites:own-team') ? listPendingInvites(teamId) : [],
    can('manage:team-billing:own-team') ? seatsRead.then((s) => teamBilling(teamId, access.user, s)) : null,
    teamQuestBoard(teamId),
    teamCertificates(access),
    teamChallenges(teamId, serverNow()),
  ])
  // Only this team's members: one read for all of them (learning module).
  const learning = await memberProgress(team.members.map((m) => m.userId))
  return {
    billing,
    team: { id: team.id, name: team.name, description: team.description },
    timeZone: access.user.timezone,
    seats,
    you: { userId: access.user.id, role: access.role },
    can: {
      invite: can('manage:team-invites:own-team'),
      editSettings: can('update:team-settings:own-team'),
      transfer: can('transfer:team-ownership:own-team'),
      manageDocuments: can('manage:team-documents:own-team'),
    },
    assignedQuests,
    canAssignQuests: can('assign:team-quests:own-team'),
    certificates,
    challenges,
    canCreateChallenges: can('manage:team-challenges:own-team'),
    inviteRoles: invitableRoles(access.role),
    members: team.members.map((m) => {
      const stats = learning.get(m.userId)
      return {
        userId: m.userId,
        name: m.name,
        username: m.username,
        role: m.role,
        joinedAt: m.joinedAt.toISOString(),
        lastActivityAt: m.lastActivityAt.toISOString(),
        xp: stats?.totalXp ?? 0,
        level: stats?.level ?? 1,
        streak: stats?.streak ?? 0,
        doneToday: stats?.doneToday ?? false,
        // the member's current role, plus every role this viewer may give them
        roleOptions: TEAM_ROLES.filter((role) => role === m.role || roleChangeRefusal(actor, m, role) === null),
        removable: removalRefusal(actor, m) === null,
      }
    }),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt.toISOString(),
      invitedBy: displayName(i.invitedBy),
    })),
  }
})

export const action = page(async ({ request, params, context }: ActionFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'read:team-members:own-team')
  const formData = await request.formData()
  const form = parseForm(formData, TeamAdminAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  const input = form.value
  try {
    const done = await runTeamAdminAction(access, input, {
      appOrigin: new URL(request.url).origin,
      origin: requestOrigin(request, context),
    })
    return redirectWithToast(`/teams/${access.team.id}`, done)
  } catch (error) {
    return refuseForm(error, {
      intent: input.intent,
      values: input.intent === 'invite' ? { email: input.email, role: input.role } : {},
    })
  }
})

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Result = FormRefusal | undefined

function forIntent(result: Result, ...intents: string[]) {
  return result && intents.includes(result.intent) ? result : undefined
}

function SeatUsage({ seats, canInvite }: { seats: LoaderData['seats']; canInvite: boolean }) {
  return (
    <UsageMeter id="seat-usage" className="seat-usage" used={seats.used} limit={seats.limit} noun="seats">
      <p className="hint">
        {countOf(seats.members, 'member')}, {countOf(seats.pendingInvites, 'pending invitation')}.
        {seats.used >= seats.limit ? ` All seats are taken.${canInvite ? ` ${ADD_SEATS_HINT}` : ''}` : null}
      </p>
    </UsageMeter>
  )
}

function MembersTable({ data }: { data: LoaderData }) {
  const manage = data.members.some((m) => m.roleOptions.length > 1 || m.removable)
  return (
    <table className="members-table">
      <caption className="visually-hidden">Members of {data.team.name}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Joined</th>
          <th scope="col">Last activity</th>
          <th scope="col">XP</th>
          <th scope="col">Streak</th>
          {manage ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.members.map((m) => {
          const who = displayName(m)
          return (
            <tr key={m.userId}>
              <th scope="row">
                {who}
                {m.username && m.name ? <span className="hint"> @{m.username}</span> : null}
                {m.userId === data.you.userId ? <span className="badge"> You</span> : null}
              </th>
              <td>
                {m.roleOptions.length > 1 ? (
                  <Form method="post" className="inline-actions">
                    <input type="hidden" name="userId" value={m.userId} />
                    <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                      Role of {who}
                    </label>
                    <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                      {m.roleOptions.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABEL[role]}
                        </option>
                      ))}
                    </select>
                    <SubmitButton name="intent" value="change-role" className="button secondary" pendingText="Saving…">
                      Change role<span className="visually-hidden"> of {who}</span>
                    </SubmitButton>
                  </Form>
                ) : (
                  ROLE_LABEL[m.role]
                )}
              </td>
              <td>
                <time dateTime={m.joinedAt}>{formatDay(m.joinedAt, data.timeZone)}</time>
              </td>
              <td>
                <time dateTime={m.lastActivityAt}>{formatDay(m.lastActivityAt, data.timeZone)}</time>
              </td>
              <td>
                {m.xp} XP <span className="hint">· level {m.level}</span>
              </td>
              <td>
                {m.streak} {m.streak === 1 ? 'day' : 'days'}
                {m.doneToday ? <span className="hint"> · done today</span> : null}
              </td>
              {manage ? (
                <td>
                  {m.removable ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={m.userId} />
                      <ConfirmButton
                        name="intent"
                        value="remove"
                        className="button danger"
                        pendingText="Removing…"
                        question={`Remove ${who} from ${data.team.name}? They lose access to the team at once.`}
                        confirmLabel={
                          <>
                            Yes, remove<span className="visually-hidden"> {who}</span>
                          </>
                        }
                      >
                        Remove<span className="visually-hidden"> {who}</span>
                      </ConfirmButton>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function InviteSection({ data, result }: { data: LoaderData; result: Result }) {
  const inviteResult = forIntent(result, 'invite')
  const revokeResult = forIntent(result, 'revoke-invite')
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <ErrorSummary fieldErrors={inviteResult?.fieldErrors} formErrors={inviteResult?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <Field
          label="E-mail address"
          hint={`We send them a link that works once and for ${INVITE_TTL_DAYS} days.`}
          errors={inviteResult?.fieldErrors.email}
        >
          {(props) => (
            <input
              type="email"
              name="email"
              autoComplete="off"
              defaultValue={inviteResult?.values.email ?? ''}
              {...props}
            />
          )}
        </Field>
        <Field label="Role" errors={inviteResult?.fieldErrors.role}>
          {(props) => (
            <select name="role" defaultValue={inviteResult?.values.role ?? 'member'} {...props}>
              {data.inviteRoles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABEL[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <SubmitButton name="intent" value="invite" pendingText="Sending…">
            Send invitation
          </SubmitButton>
        </div>
      </Form>

      <h3>Pending invitations</h3>
      <ErrorSummary formErrors={revokeResult?.formErrors} fieldErrors={revokeResult?.fieldErrors} />
      {data.invites.length === 0 ? (
        <p>No invitations are waiting for an answer.</p>
      ) : (
        <ul className="plain-list stack-list">
          {data.invites.map((invite) => (
            <li key={invite.id} className="pending-invite">
              <span>
                <strong>{invite.email}</strong> as {ROLE_LABEL[invite.role].toLowerCase()}, invited by{' '}
                {invite.invitedBy}, valid until{' '}
                <time dateTime={invite.expiresAt}>{formatDay(invite.expiresAt, data.timeZone)}</time>
              </span>
              <Form method="post">
                <input type="hidden" name="inviteId" value={invite.id} />
                <SubmitButton name="intent" value="revoke-invite" className="button secondary" pendingText="Revoking…">
                  Revoke<span className="visually-hidden"> the invitation to {invite.email}</span>
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function TransferSection({ data, result }: { data: LoaderData; result: Result }) {
  const transferResult = forIntent(result, 'transfer')
  const candidates = data.members.filter((m) => m.userId !== data.you.userId)
  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">Transfer ownership</h2>
      {candidates.length === 0 ? (
        <p>Invite someone first: ownership can only go to another member of the team.</p>
      ) : (
        <>
          <ErrorSummary fieldErrors={transferResult?.fieldErrors} formErrors={transferResult?.formErrors} />
          <Form method="post" className="stack card" noValidate>
            <p>
              The new owner gets every right over the team; you become an admin. Only the new owner can hand it back.
            </p>
            <Field label="New owner" errors={transferResult?.fieldErrors.userId}>
              {(props) => (
                <select name="userId" defaultValue="" {...props}>
                  <option value="" disabled>
                    Choose a member…
                  </option>
                  {candidates.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {displayName(m)} ({ROLE_LABEL[m.role].toLowerCase()})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="field">
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="confirm"
                  aria-invalid={transferResult?.fieldErrors.confirm ? true : undefined}
                />{' '}
                I understand that I will no longer be the owner.
              </label>
              {transferResult?.fieldErrors.confirm ? (
                <p className="field-error">{transferResult.fieldErrors.confirm.join(' ')}</p>
              ) : null}
            </div>
            <div>
              <SubmitButton name="intent" value="transfer" className="button danger" pendingText="Transferring…">
                Transfer ownership
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}

export default function TeamAdminPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const memberResult = forIntent(result, 'change-role', 'remove')
  return (
    <Page titleId="team-title" className="team-admin">
      <p>
        <Link to="/teams">← Your teams</Link>
      </p>
      <h1 id="team-title">{data.team.name}</h1>
      {data.team.description ? <p className="lead">{data.team.description}</p> : null}
      {data.can.editSettings ? (
        <p>
          <Link to={`/teams/${data.team.id}/settings`}>Team settings</Link>
        </p>
      ) : null}
      {data.can.manageDocuments ? (
        <p>
          <Link to={`/teams/${data.team.id}/documents`}>Documents</Link>
        </p>
      ) : null}
      <SeatUsage seats={data.seats} canInvite={data.can.invite} />
      {data.billing ? <TeamBillingSection teamId={data.team.id} billing={data.billing} /> : null}

      <h2>Members</h2>
      <ErrorSummary formErrors={memberResult?.formErrors} fieldErrors={memberResult?.fieldErrors} />
      <MembersTable data={data} />

      <TeamQuestsSection
        teamId={data.team.id}
        quests={data.assignedQuests}
        canAssign={data.canAssignQuests}
        timeZone={data.timeZone}
      />

      <TeamCertificatesSection teamId={data.team.id} data={data.certificates} timeZone={data.timeZone} />

      <TeamChallenges challenges={data.challenges} timeZone={data.timeZone} canCreate={data.canCreateChallenges} />

      {data.can.invite ? <InviteSection data={data} result={result} /> : null}
      {data.can.transfer ? <TransferSection data={data} result={result} /> : null}
    </Page>
  )
}
