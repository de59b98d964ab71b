import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { SubmitButton } from '~/components/ui/submit-button'
import { clearSessionCookie, endAllSessions, endOtherSessions, endSessionById, listSessions, requireUser } from '~/modules/accounts/session.server'
import { recordAudit } from '~/modules/system/audit.server'
import { withHttpErrors } from '~/utils/errors.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Sessions — Settings — Questlog' }]

const SessionsForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('end'), sessionId: z.string({ message: 'Choose a session to end' }).trim().min(1, 'Choose a session to end').max(40, 'Unknown session') }),
  z.object({ intent: z.literal('end-others') }),
  z.object({ intent: z.literal('end-all') }),
], { message: 'Choose what to do' })

/** "Firefox on Linux" from a user-agent string; good enough to recognise one's own devices. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device'
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Safari/', 'Safari'],
  ].find(([token]) => userAgent.includes(token!))?.[1]
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iPhone'],
    ['iPad', 'iPad'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([token]) => userAgent.includes(token!))?.[1]
  if (browser && system) return `${browser} on ${system}`
  return browser ?? system ?? userAgent.slice(0, 60)
}

function formatTime(date: Date, timeZone: string) {
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' })
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const sessions = await listSessions(user.id)
  const ended = new URL(request.url).searchParams.get('ended')
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      userAgent: s.userAgent,
      ip: s.ip,
      // Formatted here, in the user's zone, so the server and the browser render the same text.
      createdAt: formatTime(s.createdAt, user.timezone),
      lastSeenAt: formatTime(s.lastSeenAt, user.timezone),
      current: s.id === user.sessionId,
    })),
    ended: ended === 'one' || ended === 'others' ? ended : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), SessionsForm)
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, formErrors: form.formErrors }, { status: 400 })
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
      const ended = await withHttpErrors(() => endSessionById(user.id, sessionId))
      if (!ended) return data({ fieldErrors: { sessionId: ['This session has already ended.'] } as FieldErrors, formErrors: [] }, { status: 404 })
      await audit('one', 1)
      if (sessionId === user.sessionId) return redirect('/login', { headers: { 'Set-Cookie': await clearSessionCookie() } })
      return redirect('/settings/sessions?ended=one')
    }
    case 'end-others': {
      const count = await withHttpErrors(() => endOtherSessions(user.id, user.sessionId))
      await audit('others', count)
      return redirect('/settings/sessions?ended=others')
    }
    case 'end-all': {
      const count = await withHttpErrors(() => endAllSessions(user.id))
      await audit('all', count)
      return redirect('/login?everywhere=1', { headers: { 'Set-Cookie': await clearSessionCookie() } })
    }
  }
}

export default function SessionsSettings() {
  const { sessions, ended } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const others = sessions.filter((s) => !s.current).length
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
      <p className="lead">The devices where you are signed in. End any session you do not recognise, then change your password.</p>
      {ended && !result ? (
        <p className="notice" role="status">
          {ended === 'one' ? 'The session was ended.' : 'You were signed out on every other device.'}
        </p>
      ) : null}
      <ErrorSummary formErrors={[...(result?.formErrors ?? []), ...Object.values(result?.fieldErrors ?? {}).flatMap((e) => e ?? [])]} />
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
                <SubmitButton className="button secondary" name="intent" value="end" pendingText="Ending…">
                  End this session<span className="visually-hidden"> ({session.device})</span>
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        {others > 0 ? (
          <Form method="post">
            <SubmitButton className="button secondary" name="intent" value="end-others" pendingText="Signing out…">
              Sign out on other devices
            </SubmitButton>
          </Form>
        ) : null}
        <Form method="post">
          <SubmitButton name="intent" value="end-all" pendingText="Signing out…">
            Sign out everywhere
          </SubmitButton>
        </Form>
      </div>
    </section>
  )
}
