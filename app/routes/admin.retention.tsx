import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { retentionPolicyOverview } from '~/modules/retention-policies.server'
import { requirePlatformPermission } from '~/utils/auth.server'
import { page } from '~/utils/http.server'
import { formatUtc } from '~/utils/time'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Data retention — Questlog' }]

/** The retention policies, each with its last run and what it removed (permission read:retention:any). */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requirePlatformPermission(request, 'read:retention:any')
  const policies = await retentionPolicyOverview(new Date())
  return {
    policies: policies.map((p) => ({
      name: p.name,
      owner: p.owner,
      what: p.what,
      keep: p.keep,
      lastRunAt: p.lastRun?.startedAt.toISOString() ?? null,
      lastRemoved: p.lastRun?.removed ?? null,
      lastError: p.lastRun?.error ?? null,
      removedLast30Days: p.removedLast30Days,
    })),
  }
})

export default function RetentionPage() {
  const { policies } = useLoaderData<typeof loader>()
  return (
    <Page titleId="retention-title">
      <h1 id="retention-title">Data retention</h1>
      <p className="lead">Each policy runs once an hour on one instance and deletes in small batches. Times are UTC.</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Retention policies with their last run</caption>
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Deletes</th>
              <th scope="col">Kept</th>
              <th scope="col">Module</th>
              <th scope="col">Last run</th>
              <th scope="col">Removed then</th>
              <th scope="col">Removed in 30 days</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={p.name}>
                <th scope="row">
                  <code>{p.name}</code>
                </th>
                <td>{p.what}</td>
                <td>{p.keep}</td>
                <td>{p.owner}</td>
                <td>{p.lastRunAt ? <time dateTime={p.lastRunAt}>{formatUtc(p.lastRunAt)}</time> : 'not yet'}</td>
                <td>{p.lastError ? `failed: ${p.lastError}` : (p.lastRemoved ?? '—')}</td>
                <td>{p.removedLast30Days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  )
}
