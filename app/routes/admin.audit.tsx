import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { deletedEmail } from '~/modules/accounts/privacy.server'
import { requirePlatformPermission } from '~/utils/auth.server'
import { auditEventsFor } from '~/modules/system/audit.server'
import { formatUtc } from '~/utils/time'
import { page } from '~/utils/http.server'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Audit log — Questlog' }]

const FAMILIES = [
  { value: '', label: 'Everything' },
  { value: 'auth', label: 'Sign-in and passwords' },
  { value: 'user', label: 'Accounts' },
  { value: 'team', label: 'Teams' },
] as const

const Query = z.object({
  family: z.enum(['', 'auth', 'user', 'team'], { message: 'Choose one of the listed kinds' }).default(''),
})

/** Security events for platform staff (permission read:audit-log:any). */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requirePlatformPermission(request, 'read:audit-log:any')
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw data({ error: `family: ${query.error.issues[0]?.message}` }, { status: 400 })
  const events = await auditEventsFor({ actionPrefix: query.data.family || undefined }, 100)
  return {
    family: query.data.family,
    events: events.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      action: e.action,
      // Accounts are anonymised, never removed, so an actor row exists whenever actorId is set.
      actor: !e.actor
        ? '—'
        : e.actorId && e.actor.email === deletedEmail(e.actorId)
          ? 'Deleted User'
          : (e.actor.username ?? e.actor.email),
      target: `${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}`,
      ip: e.ip ?? '—',
      details: Object.entries((e.metadata ?? {}) as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', '),
    })),
  }
})

export default function AuditLogPage() {
  const { family, events } = useLoaderData<typeof loader>()
  return (
    <Page titleId="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="lead">The newest 100 security events. Passwords, tokens and hashes are never recorded.</p>
      <Form method="get" className="inline-actions">
        <label htmlFor="audit-family">Show</label>
        <select id="audit-family" name="family" defaultValue={family}>
          {FAMILIES.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          Filter
        </button>
      </Form>
      {events.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Who</th>
                <th scope="col">Target</th>
                <th scope="col">Address</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatUtc(e.at)}</time>
                  </td>
                  <th scope="row">{e.action}</th>
                  <td>{e.actor}</td>
                  <td>{e.target}</td>
                  <td>{e.ip}</td>
                  <td>{e.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  )
}
