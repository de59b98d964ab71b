import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import {
  type DeletionProof,
  deleteOwnAccount,
  deletionProofNeeded,
  teamsBlockingDeletion,
} from '~/modules/accounts/privacy.server'
import { RECENT_SIGN_IN_MINUTES } from '~/modules/accounts/privacy-rules'
import { clearSessionCookie } from '~/modules/accounts/session.server'
import { everyModulesUserData } from '~/modules/user-data.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { Conflict } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Your data — Settings — Questlog' }]

const CONFIRM = z.literal('yes', { message: 'Tick the box to confirm that you want to delete your account' })
const DeleteForm = z.object({
  password: z
    .string({ message: 'Enter your password to confirm' })
    .min(1, 'Enter your password to confirm')
    .max(4096, 'Enter your password to confirm'),
  confirm: CONFIRM,
})
/** An account without a password (signed up with GitHub or Google): its e-mail address, typed out. */
const DeleteByEmailForm = z.object({
  email: z
    .string({ message: 'Type the e-mail address of your account to confirm' })
    .trim()
    .min(1, 'Type the e-mail address of your account to confirm')
    .max(320, 'Type the e-mail address of your account exactly as it is shown'),
  confirm: CONFIRM,
})

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const [blockingTeams, proof] = await Promise.all([
    teamsBlockingDeletion(user.id),
    deletionProofNeeded(user, serverNow()),
  ])
  return { blockingTeams, proof, email: user.email }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const now = serverNow()
  const needed = await deletionProofNeeded(user, now)
  let proof: DeletionProof
  if (needed.kind === 'password') {
    const form = parseForm(formData, DeleteForm)
    if (!form.ok) return refuseForm(form)
    proof = form.value.password
  } else {
    const form = parseForm(formData, DeleteByEmailForm)
    if (!form.ok) return refuseForm(form)
    proof = { email: form.value.email, sessionId: user.sessionId, now }
  }
  let result
  try {
    result = await deleteOwnAccount(user, proof, requestOrigin(request, context), everyModulesUserData)
  } catch (error) {
    return refuseForm(error)
  }
  if (!result.ok) {
    const names = result.teams.map((t) => t.name).join(', ')
    const refusal = refuseForm(
      new Conflict(
        `You own ${result.teams.length === 1 ? 'a team' : 'teams'} with other members (${names}). Transfer ownership first.`,
      ),
    )
    return data({ ...refusal.data, teams: result.teams }, refusal.init ?? undefined)
  }
  return redirectWithToast(
    '/',
    'Your account has been deleted and you have been signed out. Goodbye, and thank you for learning with us.',
    {
      headers: { 'Set-Cookie': await clearSessionCookie() },
    },
  )
})

export default function DataSettings() {
  const { blockingTeams, proof, email } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const teams: { id: string; name: string }[] =
    result && 'teams' in result && result.teams.length ? result.teams : blockingTeams
  return (
    <Page titleId="data-title">
      <h1 id="data-title">Your data</h1>

      <h2 id="export-title">Download your data</h2>
      <p>
        A JSON file with everything Questlog stores about you: your profile, teams, learning history, quests,
        achievements, challenges and more.
      </p>
      {/* A normal form post, not a client-side one: the answer is a file download. */}
      <Form method="post" action="/settings/export.json" reloadDocument aria-labelledby="export-title">
        <button type="submit" className="button secondary">
          Download my data
        </button>
      </Form>

      <h2 id="delete-title">Delete your account</h2>
      <p>
        Your name, e-mail address, username, photo, sessions and personal history are removed, and you are signed out
        everywhere. Scores that other people’s leaderboards and challenges depend on stay, under the name “Deleted
        User”. This cannot be undone.
      </p>
      {teams.length > 0 ? (
        <div className="notice settings-warning" role="note">
          <p>
            You own {teams.length === 1 ? 'a team that has' : 'teams that have'} other members. Hand each one over to
            another member first:
          </p>
          <ul>
            {teams.map((team) => (
              <li key={team.id}>
                <Link to={`/teams/${team.id}`}>{team.name}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      {proof.kind === 'email' && !proof.signedInRecently ? (
        <div className="notice settings-warning" role="note">
          <p>
            Your account has no password, so to delete it you need to have signed in within the last{' '}
            {RECENT_SIGN_IN_MINUTES} minutes. Sign in again (with the service you signed up with), then come back to
            this page.
          </p>
          <Form method="post" action="/logout">
            <input type="hidden" name="redirectTo" value="/login?redirectTo=%2Fsettings%2Fdata" />
            <button type="submit" className="button secondary">
              Sign out and sign in again
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" className="stack card settings-danger" noValidate aria-labelledby="delete-title">
        {proof.kind === 'password' ? (
          <Field label="Your password" errors={errors.password}>
            {(props) => <input type="password" name="password" autoComplete="current-password" {...props} />}
          </Field>
        ) : (
          <Field
            label="Your e-mail address"
            hint={`Your account has no password: type ${email} to confirm.`}
            errors={errors.email}
          >
            {(props) => <input type="email" name="email" autoComplete="off" spellCheck={false} {...props} />}
          </Field>
        )}
        <div className="field">
          <label className="settings-checkbox">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? 'confirm-error' : undefined}
            />{' '}
            I understand that my account is deleted for good.
          </label>
          {errors.confirm ? (
            <p className="field-error" id="confirm-error">
              {errors.confirm.join(' ')}
            </p>
          ) : null}
        </div>
        <div>
          <SubmitButton className="button danger" pendingText="Deleting…">
            Delete my account
          </SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
