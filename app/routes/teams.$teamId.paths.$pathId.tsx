import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { SelectHTMLAttributes } from 'react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { AddChoice, AddNode, BuilderForm, type BuilderIntent, PathId, SetStart } from '~/modules/knowledge/path-input'
import {
  addPathChoice,
  addPathNode,
  builderPath,
  publishPath,
  publishedTeamNuggets,
  setPathStart,
  unpublishPath,
} from '~/modules/knowledge/paths.server'
import { teamAccess } from '~/modules/teams/access.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { formValues } from '~/utils/api.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.path.title ?? 'Path'} — Narrative paths — Questlog` },
]

function pathIdOf(params: LoaderFunctionArgs['params']): string {
  const parsed = PathId.safeParse(params.pathId)
  if (!parsed.success) throw new NotFound('There is no such path in this team.')
  return parsed.data
}

/** Builds one path: its nodes (published nuggets), their choices (optionally gated), the start node, publication. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'manage:team-documents:own-team')
  const [path, nuggets] = await Promise.all([
    builderPath(access.team.id, pathIdOf(params)),
    publishedTeamNuggets(access.team.id),
  ])
  return {
    team: { id: access.team.id, name: access.team.name },
    path: { ...path, publishedAt: path.publishedAt?.toISOString() ?? null },
    nuggets,
  }
})

const DONE: Record<BuilderIntent, string> = {
  'add-node': 'The step was added.',
  'add-choice': 'The choice was added.',
  'set-start': 'The start node was set.',
  publish: 'The path was published: the team’s learners can walk it now.',
  unpublish: 'The path was unpublished.',
}

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const access = await teamAccess(user, params.teamId, 'manage:team-documents:own-team')
  const pathId = pathIdOf(params)
  const formData = await request.formData()
  const values = formValues(formData)
  const intent = parseForm(formData, BuilderForm)
  if (!intent.ok) return refuseForm(intent, { intent: '' })
  const teamId = access.team.id
  const now = serverNow()
  try {
    switch (intent.value.intent) {
      case 'add-node': {
        const form = parseForm(formData, AddNode)
        if (!form.ok) return refuseForm(form, { intent: intent.value.intent })
        await addPathNode(teamId, pathId, form.value.nuggetId, now)
        break
      }
      case 'add-choice': {
        const form = parseForm(formData, AddChoice)
        if (!form.ok) return refuseForm(form, { intent: intent.value.intent })
        await addPathChoice(teamId, pathId, form.value, now)
        break
      }
      case 'set-start': {
        const form = parseForm(formData, SetStart)
        if (!form.ok) return refuseForm(form, { intent: intent.value.intent })
        await setPathStart(teamId, pathId, form.value.nodeId, now)
        break
      }
      case 'publish':
        await publishPath(teamId, pathId, now)
        break
      case 'unpublish':
        await unpublishPath(teamId, pathId, now)
        break
    }
  } catch (error) {
    return refuseForm(error, { intent: intent.value.intent, values })
  }
  return redirectWithToast(`/teams/${teamId}/paths/${pathId}`, DONE[intent.value.intent])
})

export default function PathBuilderPage() {
  const { team, path, nuggets } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const refusal = (intent: string) => (result && result.intent === intent ? result : null)
  const titleOf = new Map(path.nodes.map((n) => [n.id, n.title]))
  const editable = !path.publishedAt
  const choice = refusal('add-choice')
  return (
    <Page titleId="path-title">
      <p>
        <Link to={`/teams/${team.id}/paths`}>← Narrative paths of {team.name}</Link>
      </p>
      <h1 id="path-title">{path.title}</h1>
      {path.description ? <p className="lead">{path.description}</p> : null}
      <ErrorSummary
        formErrors={refusal('publish')?.formErrors ?? refusal('unpublish')?.formErrors ?? refusal('')?.formErrors}
      />

      <section className="card stack" aria-labelledby="publication-title">
        <h2 id="publication-title">{path.publishedAt ? 'Published' : 'Draft'}</h2>
        {path.publishedAt ? (
          <>
            <p>Learners of the team can walk this path. Unpublish it to change it.</p>
            <Form method="post">
              <SubmitButton name="intent" value="unpublish" pendingText="Unpublishing…" className="button secondary">
                Unpublish
              </SubmitButton>
            </Form>
          </>
        ) : (
          <>
            {path.problems.length ? (
              <>
                <p>Before it can be published:</p>
                <ul>
                  {path.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Every step can be reached from the start node.</p>
            )}
            <Form method="post">
              <SubmitButton name="intent" value="publish" pendingText="Publishing…">
                Publish
              </SubmitButton>
            </Form>
          </>
        )}
      </section>

      <section className="stack" aria-labelledby="steps-title">
        <h2 id="steps-title">Steps</h2>
        {path.nodes.length === 0 ? <p>No steps yet: add one from a published lesson below.</p> : null}
        <ol className="stack">
          {path.nodes.map((node) => (
            <li key={node.id} className="card stack">
              <h3>
                {node.title} {node.id === path.startNodeId ? <span className="practice-badge">Start</span> : null}
              </h3>
              {node.choices.length ? (
                <ul>
                  {node.choices.map((c, i) => (
                    <li key={i}>
                      “{c.label}” → {titleOf.get(c.nextNodeId) ?? 'a missing step'}
                      {c.condition ? ' (after a quick check)' : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="hint">No choices: the path ends here.</p>
              )}
              {editable && node.id !== path.startNodeId ? (
                <Form method="post">
                  <input type="hidden" name="nodeId" value={node.id} />
                  <SubmitButton name="intent" value="set-start" pendingText="Saving…" className="button secondary">
                    {`Make “${node.title}” the start`}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {editable ? (
        <>
          <section className="card stack" aria-labelledby="add-node-title">
            <h2 id="add-node-title">Add a step</h2>
            <ErrorSummary fieldErrors={refusal('add-node')?.fieldErrors} formErrors={refusal('add-node')?.formErrors} />
            {nuggets.length === 0 ? (
              <p>
                The team has no published lessons yet: a step is made from a published lesson.{' '}
                <Link to={`/teams/${team.id}/nuggets`}>Publish one on the team’s nuggets page.</Link>
              </p>
            ) : (
              <Form method="post" className="stack" noValidate aria-labelledby="add-node-title">
                <Field label="Lesson" errors={refusal('add-node')?.fieldErrors.nuggetId}>
                  {(props) => (
                    <select name="nuggetId" {...props}>
                      {nuggets.map((n) => (
                        <option key={n.id} value={n.id}>
                          {n.title}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div>
                  <SubmitButton name="intent" value="add-node" pendingText="Adding…">
                    Add step
                  </SubmitButton>
                </div>
              </Form>
            )}
          </section>

          {path.nodes.length ? (
            <section className="card stack" aria-labelledby="add-choice-title">
              <h2 id="add-choice-title">Add a choice</h2>
              <ErrorSummary fieldErrors={choice?.fieldErrors} formErrors={choice?.formErrors} />
              <Form method="post" className="stack" noValidate aria-labelledby="add-choice-title">
                <Field label="From step" errors={choice?.fieldErrors.fromNodeId}>
                  {(props) => (
                    <NodeSelect
                      name="fromNodeId"
                      nodes={path.nodes}
                      defaultValue={choice?.values.fromNodeId}
                      {...props}
                    />
                  )}
                </Field>
                <Field
                  label="Label"
                  hint="What the learner clicks, e.g. “Go deeper”."
                  errors={choice?.fieldErrors.label}
                >
                  {(props) => <input name="label" defaultValue={choice?.values.label ?? ''} {...props} />}
                </Field>
                <Field label="Leads to" errors={choice?.fieldErrors.nextNodeId}>
                  {(props) => (
                    <NodeSelect
                      name="nextNodeId"
                      nodes={path.nodes}
                      defaultValue={choice?.values.nextNodeId}
                      {...props}
                    />
                  )}
                </Field>
                <Field
                  label="Quick check (optional)"
                  hint="A practice task of the “from” step’s lesson the learner must answer correctly first."
                  errors={choice?.fieldErrors.gateTaskId}
                >
                  {(props) => (
                    <select name="gateTaskId" defaultValue={choice?.values.gateTaskId ?? ''} {...props}>
                      <option value="">No quick check</option>
                      {path.nodes.flatMap((n) =>
                        n.tasks.map((t) => (
                          <option key={`${n.id}-${t.id}`} value={t.id}>
                            {n.title}: {t.prompt}
                          </option>
                        )),
                      )}
                    </select>
                  )}
                </Field>
                <div>
                  <SubmitButton name="intent" value="add-choice" pendingText="Adding…">
                    Add choice
                  </SubmitButton>
                </div>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}
    </Page>
  )
}

/** A choice of one of the path's steps (where a choice starts, where it leads). */
function NodeSelect({
  nodes,
  ...props
}: { nodes: { id: string; title: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...props}>
      {nodes.map((n) => (
        <option key={n.id} value={n.id}>
          {n.title}
        </option>
      ))}
    </select>
  )
}
