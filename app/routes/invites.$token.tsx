import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { requireUser } from '~/utils/auth.server'
import { displayName } from '~/modules/teams/format'
import { formatDay } from '~/utils/time'
import { acceptInvitation, declineInvitation, viewInvitation } from '~/modules/teams/invites.server'
import { InviteToken } from '~/modules/teams/team-input'
import { ROLE_LABEL } from '~/modules/teams/team-rules'
import { NotFound } from '~/utils/errors.server'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [
  { title: 'Team invitation — Questlog' },
  { name: 'referrer', content: 'no-referrer' },
]

const InviteAction = z.object({ intent: z.enum(['accept', 'decline'], { message: 'Choose to accept or to decline' }) })

/** The token of the link, or 404: a malformed token names no invitation. */
function tokenParam(params: Record<string, string | undefined>): string {
  const parsed = InviteToken.safeParse(params.token)
  if (!parsed.success) throw new NotFound('This invitation link is not valid.')
  return parsed.data
}

export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const token = tokenParam(params)
  // Signed-out visitors sign in (or sign up from the login page) and come back here.
  const user = await requireUser(request)
  const { invite, mismatch } = await viewInvitation(token, user.email)
  return {
    teamName: invite.team.name,
    invitedBy: displayName(invite.invitedBy),
    role: invite.role,
    expiresAt: invite.expiresAt.toISOString(),
    timeZone: user.timezone,
    mismatch,
  }
})

export const action = page(async ({ request, params, context }: ActionFunctionArgs) => {
  const token = tokenParam(params)
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, InviteAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  const origin = requestOrigin(request, context)
  try {
    if (form.value.intent === 'accept') {
      await acceptInvitation({ token }, user, origin)
      return redirectWithToast('/teams', 'Welcome! You joined the team.')
    }
    await declineInvitation({ token }, user, origin)
    return redirectWithToast('/teams', 'You declined the invitation.')
  } catch (error) {
    return refuseForm(error, { intent: form.value.intent })
  }
})

export default function InvitationPage() {
  const invite = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <Page titleId="invite-title" className="card" narrow>
      <h1 id="invite-title">Join {invite.teamName}</h1>
      <p>
        {invite.invitedBy} invited you to join <strong>{invite.teamName}</strong> on Questlog as{' '}
        {ROLE_LABEL[invite.role].toLowerCase()}.
      </p>
      <p className="hint">
        The invitation is valid until{' '}
        <time dateTime={invite.expiresAt}>{formatDay(invite.expiresAt, invite.timeZone)}</time>.
      </p>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      {invite.mismatch ? (
        <p className="error-summary" role="alert">
          {invite.mismatch}
        </p>
      ) : (
        <Form method="post" className="inline-actions">
          <SubmitButton name="intent" value="accept" pendingText="Joining…">
            Accept and join
          </SubmitButton>
          <SubmitButton name="intent" value="decline" className="button secondary" pendingText="Declining…">
            Decline
          </SubmitButton>
        </Form>
      )}
    </Page>
  )
}
