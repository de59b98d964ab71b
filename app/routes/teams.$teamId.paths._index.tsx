import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { CreatePath } from '~/modules/knowledge/path-input'
import { createPath, teamPaths } from '~/modules/knowledge/paths.server'
import { teamAccess } from '~/modules/teams/access.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Narrative paths — ${data?.team.name ?? 'Team'} — Questlog` },
]

/** The team's narrative paths, for its owner, admins and instructors (docs/nuggets.md). */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'manage:team-documents:own-team')
  const paths = await teamPaths(access.team.id)
  return {
    team: { id: access.team.id, name: access.team.name },
    paths: paths.map((p) => ({ ...p, publishedAt: p.publishedAt?.toISOString() ?? null })),
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const access = await teamAccess(user, params.teamId, 'manage:team-documents:own-team')
  const form = parseForm(await request.formData(), CreatePath)
  if (!form.ok) return refuseForm(form, { intent: 'create' })
  const { id } = await createPath(access.team.id, user.id, form.value, serverNow())
  return redirectWithToast(`/teams/${access.team.id}/paths/${id}`, `The path “${form.value.title}” was created.`)
})

export default function TeamPathsPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  return (
    <Page titleId="paths-title">
      <p>
        <Link to={`/teams/${data.team.id}`}>← {data.team.name}</Link>
      </p>
      <h1 id="paths-title">Narrative paths</h1>
      <p className="lead">
        A path links the team’s published lessons into steps with choices; a choice may wait for a quick check.
      </p>
      {data.paths.length === 0 ? (
        <p>No paths yet.</p>
      ) : (
        <ul className="stack">
          {data.paths.map((p) => (
            <li key={p.id}>
              <Link to={`/teams/${data.team.id}/paths/${p.id}`}>{p.title}</Link>{' '}
              <span className="hint">
                ({p.nodeCount} {p.nodeCount === 1 ? 'step' : 'steps'}, {p.publishedAt ? 'published' : 'draft'})
              </span>
            </li>
          ))}
        </ul>
      )}
      <section className="card stack" aria-labelledby="new-path-title">
        <h2 id="new-path-title">New path</h2>
        <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
        <Form method="post" className="stack" noValidate aria-labelledby="new-path-title">
          <Field label="Title" errors={errors.title}>
            {(props) => <input name="title" defaultValue={values.title ?? ''} {...props} />}
          </Field>
          <Field label="Description (optional)" errors={errors.description}>
            {(props) => <textarea name="description" rows={3} defaultValue={values.description ?? ''} {...props} />}
          </Field>
          <div>
            <SubmitButton pendingText="Creating…">Create path</SubmitButton>
          </div>
        </Form>
      </section>
    </Page>
  )
}
