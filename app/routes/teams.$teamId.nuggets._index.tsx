import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { NuggetFilter } from '~/modules/knowledge/nugget-input'
import { teamNuggets } from '~/modules/knowledge/nuggets.server'
import { teamAccess } from '~/modules/teams/access.server'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Nuggets — ${data?.team.name ?? 'Team'} — Questlog` },
]

const FILTERS: { value: NuggetFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'proposals', label: 'Proposals (unpublished)' },
  { value: 'published', label: 'Published' },
]

/** The team's nuggets — proposals from ingestion and published lessons — for owners, admins and instructors. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'manage:team-documents:own-team')
  const filter = NuggetFilter.parse(new URL(request.url).searchParams.get('show') ?? 'all')
  const nuggets = await teamNuggets(access.team.id, filter)
  return {
    team: { id: access.team.id, name: access.team.name },
    filter,
    nuggets: nuggets.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })),
  }
})

export default function TeamNuggetsPage() {
  const { team, filter, nuggets } = useLoaderData<typeof loader>()
  return (
    <Page titleId="nuggets-title">
      <p>
        <Link to={`/teams/${team.id}/documents`}>← Documents of {team.name}</Link>
      </p>
      <h1 id="nuggets-title">Nuggets</h1>
      <p className="lead">
        Ingestion proposes a nugget — a short lesson — for each section of a document. Review and edit them, add
        practice tasks, and publish them for the team’s learners.
      </p>
      <nav aria-label="Show">
        <ul className="inline-actions plain-list">
          {FILTERS.map((f) => (
            <li key={f.value}>
              <Link to={`?show=${f.value}`} aria-current={f.value === filter ? 'page' : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {nuggets.length === 0 ? (
        <p>
          {filter === 'published'
            ? 'No published nuggets yet.'
            : 'No nuggets here yet. Upload a document on the documents page: its sections become proposals.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Nuggets of {team.name}</caption>
            <thead>
              <tr>
                <th scope="col">Nugget</th>
                <th scope="col">Status</th>
                <th scope="col">Source</th>
                <th scope="col">Tasks</th>
              </tr>
            </thead>
            <tbody>
              {nuggets.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/teams/${team.id}/nuggets/${n.id}`}>{n.title}</Link>
                  </td>
                  <td>
                    {n.published ? 'Published' : 'Proposal'}
                    {n.status !== 'ready' ? ` (${n.status})` : ''}
                    {n.edited ? ', edited' : ''}
                  </td>
                  <td>{n.documents.map((d) => d.title).join(', ') || '—'}</td>
                  <td>{n.taskCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  )
}
