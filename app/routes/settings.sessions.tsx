import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import {
  clearSessionCookie,
  endAllSessions,
  endOtherSessions,
  endSessionById,
  listSessions,
} from '~/modules/accounts/session.server'
import { requireUser } from '~/utils/auth.server'
import { recordAudit } from '~/modules/system/audit.server'
import { DomainError } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'
import { formatDayAndTime } from '~/utils/time'
import { describeDevice } from '~/utils/user-agent'

export const meta: MetaFunction = () => [{ title: 'Sessions — Settings — Questlog' }]

const SessionsForm = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('end'),
      sessionId: z
        .string({ message: 'Choose a session to end' })
        .trim()
        .min(1, 'Choose a session to end')
        .max(40, 'Unknown session'),
    }),
    z.object({ intent: z.literal('end-others') }),
    z.object({ intent: z.literal('end-all') }),
  ],
  { message: 'Choose what to do' },
)

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const sessions = await listSessions(user.id)
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      userAgent: s.userAgent,
      ip: s.ip,
      // Formatted here, in the user's zone, so the server and the browser render the same text.
      createdAt: formatDayAndTime(s.createdAt, user.timezone),
      lastSeenAt: formatDayAndTime(s.lastSeenAt, user.timezone),
      current: s.id === user.sessionId,
    })),
  }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), SessionsForm)
  if (!form.ok) return refuseForm(form)
  const audit = (scope: string, count: number) =>
    recordAudit({
      action: 'auth.sessions.ended',
      actorId: user.id,
      targetType: 'User',
      targetId: user.id,
      origin: requestOrigin(request, context),
      metadata: { scope, count },
    })

  switch (form.value.intent) {
    case 'end': {
      const { sessionId } = form.value
      // Only the user's own sessions match; another user's id ends nothing.
      if (!(await endSessionById(user.id, sessionId)))
        return refuseForm(new DomainError('This session has already ended.', 404, 'sessionId'))
      await audit('one', 1)
      if (sessionId === user.sessionId)
        return redirect('/login', { headers: { 'Set-Cookie': await clearSessionCookie() } })
      return redirectWithToast('/settings/sessions', 'The session was ended.')
    }
    case 'end-others': {
      await audit('others', await endOtherSessions(user.id, user.sessionId))
      return redirectWithToast('/settings/sessions', 'You were signed out on every other device.')
    }
    case 'end-all': {
      await audit('all', await endAllSessions(user.id))
      return redirectWithToast('/login', 'You have been signed out on every device.', {
        headers: { 'Set-Cookie': await clearSessionCookie() },
      })
    }
  }
})

export default function SessionsSettings() {
  const { sessions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const others = sessions.filter((s) => !s.current).length
  return (
    <Page titleId="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
      <p className="lead">
        The devices where you are signed in. End any session you do not recognise, then change your password.
      </p>
      <ErrorSummary
        formErrors={[
          ...(result?.formErrors ?? []),
          ...Object.values(result?.fieldErrors ?? {}).flatMap((e) => e ?? []),
        ]}
      />
      <ul className="plain-list settings-sessions">
        {sessions.map((session) => (
          <li key={session.id} className="card">
            <h2 className="settings-session-title">
              {session.device}
              {session.current ? <span className="badge"> This device</span> : null}
            </h2>
            <dl className="settings-facts">
              <dt>Address</dt>
              <dd>{session.ip ?? 'unknown'}</dd>
              <dt>Signed in</dt>
              <dd>{session.createdAt}</dd>
              <dt>Last seen</dt>
              <dd>{session.lastSeenAt}</dd>
              {session.userAgent ? (
                <>
                  <dt>Browser</dt>
                  <dd className="settings-ua">{session.userAgent}</dd>
                </>
              ) : null}
            </dl>
            {session.current ? null : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={session.id} />
                <ConfirmButton
                  name="intent"
                  value="end"
                  pendingText="Ending…"
                  question={`End the session on ${session.device} (${session.ip ?? 'unknown address'})? That device will have to log in again.`}
                  confirmLabel={
                    <>
                      Yes, end this session<span className="visually-hidden"> ({session.device})</span>
                    </>
                  }
                >
                  End this session<span className="visually-hidden"> ({session.device})</span>
                </ConfirmButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        {others > 0 ? (
          <Form method="post">
            <ConfirmButton
              name="intent"
              value="end-others"
              pendingText="Signing out…"
              question={
                others === 1
                  ? 'Sign out on the other device? It will have to log in again.'
                  : `Sign out on all ${others} other devices? Each will have to log in again.`
              }
              confirmLabel="Yes, sign out on other devices"
            >
              Sign out on other devices
            </ConfirmButton>
          </Form>
        ) : null}
        <Form method="post">
          <ConfirmButton
            className="button"
            name="intent"
            value="end-all"
            pendingText="Signing out…"
            question="Sign out on every device, this one too? You will have to log in again."
            confirmLabel="Yes, sign out everywhere"
          >
            Sign out everywhere
          </ConfirmButton>
        </Form>
      </div>
    </Page>
  )
}
