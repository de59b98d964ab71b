import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { GoalFields, PRIORITY_LABEL, QuestFields, Swatch } from '~/modules/quests/components/quest-fields'
import { listLabels } from '~/modules/quests/labels.server'
import { goalTopics } from '~/modules/quests/learning-goals.server'
import { PRIORITIES, QuestCreate, QuestFilters, STATUSES } from '~/modules/quests/quest-input'
import { STATUS_LABEL } from '~/modules/quests/quest-rules'
import { boardByStatus } from '~/modules/quests/quest-view'
import { type QuestSummary, createQuest, listQuests } from '~/modules/quests/quests.server'
import { joinAll } from '~/modules/teams/team-input'
import { activityContext } from '~/utils/activity.server'
import { queryValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatDay } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Quests — Questlog' }]

/** The learner's quest board (by status, with filters) and the form to make a quest. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const filters = QuestFilters.parse(queryValues(request))
  const [quests, labels, topics] = await Promise.all([listQuests(user.id, filters), listLabels(user.id), goalTopics()])
  return { quests, labels, topics, filters, timeZone: user.timezone }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = joinAll(await request.formData(), 'tagIds')
  const form = parseForm(formData, QuestCreate)
  if (!form.ok) return refuseForm(form, { intent: 'create' })
  try {
    const quest = await createQuest(user.id, form.value, serverNow(), activityContext(request, user.sessionId))
    return redirectWithToast(`/quests/${quest.id}`, 'Your quest was created.')
  } catch (error) {
    return refuseForm(error, { intent: 'create', values: Object.fromEntries(formData) as Record<string, string> })
  }
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function QuestCard({ quest, timeZone }: { quest: QuestSummary | Data['quests']['own'][number]; timeZone: string }) {
  return (
    <li className="card">
      <h4>
        <Link to={`/quests/${quest.id}`}>{quest.title}</Link>
      </h4>
      <p className="hint">
        {PRIORITY_LABEL[quest.priority]} priority · {quest.difficulty} · {quest.estimatedDuration} min · steps{' '}
        {quest.steps.done}/{quest.steps.total}
        {quest.experiencePoints > 0 ? ` · ${quest.experiencePoints} XP earned` : ''}
      </p>
      {quest.category || quest.tags.length ? (
        <p className="hint">
          {quest.category ? (
            <span className="badge">
              <Swatch color={quest.category.color} /> {quest.category.name}
            </span>
          ) : null}{' '}
          {quest.tags.map((t) => (
            <span key={t.id} className="badge muted">
              <Swatch color={t.color} /> {t.name}
            </span>
          ))}
        </p>
      ) : null}
      {quest.team ? (
        <p className="hint">
          From {quest.team.name}
          {quest.dueAt ? (
            <>
              {' '}
              · due <time dateTime={quest.dueAt}>{formatDay(quest.dueAt, timeZone)}</time>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  )
}

function Board({ quests, data, titleId }: { quests: Data['quests']['own']; data: Data; titleId: string }) {
  const statuses = data.filters.status ? [data.filters.status] : STATUSES.filter((s) => s !== 'archived')
  return (
    <div className="grid quest-board" aria-labelledby={titleId}>
      {boardByStatus(quests, statuses).map((column) => (
        <section key={column.status} aria-label={`${column.label} (${titleId === 'own-title' ? 'yours' : 'assigned'})`}>
          <h3>
            {column.label} <span className="hint">({column.quests.length})</span>
          </h3>
          {column.quests.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            <ul className="plain-list stack-list">
              {column.quests.map((q) => (
                <QuestCard key={q.id} quest={q} timeZone={data.timeZone} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  )
}

export default function QuestsPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  const { filters, labels } = data
  return (
    <Page titleId="quests-title" className="quests">
      <h1 id="quests-title">Quests</h1>
      <p>
        <Link to="/quests/categories">Categories and tags</Link>
      </p>

      <Form method="get" className="inline-actions card" aria-label="Filter quests">
        <Field label="Status">
          {(props) => (
            <select name="status" defaultValue={filters.status ?? ''} {...props}>
              <option value="">Open (not archived)</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Priority">
          {(props) => (
            <select name="priority" defaultValue={filters.priority ?? ''} {...props}>
              <option value="">Any</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Category">
          {(props) => (
            <select name="categoryId" defaultValue={filters.categoryId ?? ''} {...props}>
              <option value="">Any</option>
              {labels.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tag">
          {(props) => (
            <select name="tagId" defaultValue={filters.tagId ?? ''} {...props}>
              <option value="">Any</option>
              {labels.tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button secondary">
            Filter
          </button>
        </div>
      </Form>

      <h2 id="own-title">Your quests</h2>
      <Board quests={data.quests.own} data={data} titleId="own-title" />

      <h2 id="assigned-title">Assigned by your teams</h2>
      {data.quests.assigned.length === 0 ? (
        <p>No team has assigned you a quest{filters.status ? ' with this status' : ''}.</p>
      ) : (
        <Board quests={data.quests.assigned} data={data} titleId="assigned-title" />
      )}

      <section aria-labelledby="create-title">
        <h2 id="create-title">New quest</h2>
        <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
        <Form method="post" className="stack card" aria-labelledby="create-title" noValidate>
          <QuestFields
            values={values}
            errors={errors}
            categories={labels.categories}
            tags={labels.tags}
            selectedTags={values.tagIds?.split(',') ?? []}
          />
          <Field label="Steps (optional)" hint="One step per line, in order." errors={errors.steps}>
            {(props) => <textarea name="steps" rows={4} defaultValue={values.steps ?? ''} {...props} />}
          </Field>
          <GoalFields values={values} errors={errors} topics={data.topics} />
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="draft" defaultChecked={values.draft === 'on'} /> Keep it as a draft for now
            </label>
          </div>
          <div>
            <SubmitButton name="intent" value="create" pendingText="Creating…">
              Create quest
            </SubmitButton>
          </div>
        </Form>
      </section>
    </Page>
  )
}
