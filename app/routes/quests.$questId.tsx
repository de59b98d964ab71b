import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { afterQuestCompleted } from '~/modules/progress-events.server'
import {
  DIFFICULTY_LABEL,
  GoalFields,
  PRIORITY_LABEL,
  QuestFields,
  Swatch,
} from '~/modules/quests/components/quest-fields'
import { runQuestAction } from '~/modules/quests/quest-actions.server'
import { DEPENDENCY_TYPES, QuestAction, QuestId } from '~/modules/quests/quest-input'
import { MOVE_RULES, STATUS_LABEL } from '~/modules/quests/quest-rules'
import { moveNotice } from '~/modules/quests/quest-view'
import { NO_QUEST, questDetail } from '~/modules/quests/quests.server'
import { joinAll } from '~/modules/teams/team-input'
import { activityContext } from '~/utils/activity.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { type FormRefusal, page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatDay } from '~/utils/time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.quest.title ?? 'Quest'} — Quests — Questlog` },
]

function questIdOf(params: { questId?: string }): string {
  const parsed = QuestId.safeParse(params.questId)
  if (!parsed.success) throw new NotFound(NO_QUEST)
  return parsed.data
}

export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { quest: await questDetail(user.id, questIdOf(params)), timeZone: user.timezone }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const questId = questIdOf(params)
  const formData = joinAll(await request.formData(), 'tagIds')
  const form = parseForm(formData, QuestAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  const now = serverNow()
  try {
    const done = await runQuestAction(user.id, questId, form.value, now, activityContext(request, user.sessionId))
    if (done.moved?.status === 'completed') {
      const { unlocked } = await afterQuestCompleted(user.id, now)
      return redirectWithToast(`/quests/${questId}`, moveNotice(done.moved, unlocked))
    }
    return redirectWithToast(`/quests/${questId}`, done.notice)
  } catch (error) {
    return refuseForm(error, {
      intent: form.value.intent,
      values: Object.fromEntries([...formData].filter((e): e is [string, string] => typeof e[1] === 'string')),
    })
  }
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Quest = Data['quest']
type Result = FormRefusal | undefined

function forIntent(result: Result, ...intents: string[]) {
  return result && intents.includes(result.intent) ? result : undefined
}

const DEPENDENCY_LABEL = {
  sequential: 'must be completed first',
  resource: 'shares a resource',
  time: 'is tied in time',
}

function StatusButtons({ quest, result }: { quest: Quest; result: Result }) {
  const refused = forIntent(result, 'move')
  const open = quest.steps.filter((s) => !s.completed).length
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">Status: {quest.statusLabel}</h2>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      {quest.moves.includes('complete') && open > 0 ? (
        <p className="hint">
          {open} {open === 1 ? 'step is' : 'steps are'} still open. Completing now pays XP only for learning steps
          already done, and a quest pays its XP only once.
        </p>
      ) : null}
      <div className="inline-actions">
        {quest.moves.map((move) => (
          <Form method="post" key={move}>
            <input type="hidden" name="move" value={move} />
            <SubmitButton
              name="intent"
              value="move"
              className={move === 'archive' ? 'button secondary' : 'button'}
              pendingText="Saving…"
            >
              {MOVE_RULES[move].label}
              {move === 'complete' ? ' quest' : ''}
            </SubmitButton>
          </Form>
        ))}
      </div>
    </section>
  )
}

function Steps({ quest, result }: { quest: Quest; result: Result }) {
  const refused = forIntent(result, 'tick-step', 'move-step', 'remove-step')
  const added = forIntent(result, 'add-step')
  const canTick = quest.status === 'in_progress'
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">
        Steps{' '}
        <span className="hint">
          ({quest.steps.filter((s) => s.completed).length} of {quest.steps.length} done)
        </span>
      </h2>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      {quest.steps.length === 0 ? <p>This quest has no steps.</p> : null}
      <ol className="stack-list quest-steps">
        {quest.steps.map((step, i) => (
          <li key={step.id} className="card">
            <p>
              <strong>{step.completed ? '✓ ' : ''}</strong>
              <span className={step.completed ? 'done' : undefined}>{step.title}</span>
              {step.completed ? <span className="visually-hidden"> (done)</span> : null}
            </p>
            {step.goal ? <p className="hint">Learning step: {step.goal}</p> : null}
            <div className="inline-actions">
              {canTick && !step.goal ? (
                <Form method="post">
                  <input type="hidden" name="stepId" value={step.id} />
                  {step.completed ? null : <input type="hidden" name="done" value="on" />}
                  <SubmitButton name="intent" value="tick-step" className="button secondary" pendingText="Saving…">
                    {step.completed ? 'Mark as not done' : 'Mark as done'}
                    <span className="visually-hidden"> {step.title}</span>
                  </SubmitButton>
                </Form>
              ) : null}
              {quest.editable ? (
                <>
                  <Form method="post">
                    <input type="hidden" name="intent" value="move-step" />
                    <input type="hidden" name="stepId" value={step.id} />
                    <button type="submit" name="direction" value="up" className="button secondary" disabled={i === 0}>
                      Move up<span className="visually-hidden"> {step.title}</span>
                    </button>{' '}
                    <button
                      type="submit"
                      name="direction"
                      value="down"
                      className="button secondary"
                      disabled={i === quest.steps.length - 1}
                    >
                      Move down<span className="visually-hidden"> {step.title}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="stepId" value={step.id} />
                    <SubmitButton name="intent" value="remove-step" className="button danger" pendingText="Removing…">
                      Remove<span className="visually-hidden"> step: {step.title}</span>
                    </SubmitButton>
                  </Form>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {quest.editable ? (
        <>
          <h3 id="add-step-title">Add a step</h3>
          <ErrorSummary fieldErrors={added?.fieldErrors} formErrors={added?.formErrors} />
          <Form method="post" className="stack card" aria-labelledby="add-step-title" noValidate>
            <Field label="Step title" errors={added?.fieldErrors.title}>
              {(props) => <input name="title" maxLength={200} defaultValue={added?.values.title ?? ''} {...props} />}
            </Field>
            <GoalFields
              values={added?.values ?? {}}
              errors={added?.fieldErrors ?? {}}
              topics={quest.choices.topics}
              legend="Make it a learning step (optional)"
            />
            <div>
              <SubmitButton name="intent" value="add-step" pendingText="Adding…">
                Add step
              </SubmitButton>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  )
}

function Dependencies({ quest, result }: { quest: Quest; result: Result }) {
  const refused = forIntent(result, 'add-dependency', 'remove-dependency')
  return (
    <section aria-labelledby="dependencies-title">
      <h2 id="dependencies-title">Dependencies</h2>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      {quest.prerequisites.length === 0 ? (
        <p>This quest needs no other quest.</p>
      ) : (
        <ul className="plain-list stack-list">
          {quest.prerequisites.map((p) => (
            <li key={p.id} className="inline-actions">
              <span>
                Needs <Link to={`/quests/${p.quest.id}`}>{p.quest.title}</Link> ({STATUS_LABEL[p.quest.status]}), which{' '}
                {DEPENDENCY_LABEL[p.type]}
              </span>
              <Form method="post">
                <input type="hidden" name="dependencyId" value={p.id} />
                <SubmitButton
                  name="intent"
                  value="remove-dependency"
                  className="button secondary"
                  pendingText="Removing…"
                >
                  Remove<span className="visually-hidden"> the dependency on {p.quest.title}</span>
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {quest.dependents.length > 0 ? (
        <p>
          Needed by:{' '}
          {quest.dependents.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/quests/${d.quest.id}`}>{d.quest.title}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {quest.status !== 'completed' && quest.status !== 'archived' && quest.dependencyCandidates.length > 0 ? (
        <Form method="post" className="stack card" aria-label="Add a dependency" noValidate>
          <Field label="This quest needs" errors={refused?.fieldErrors.prerequisiteId}>
            {(props) => (
              <select name="prerequisiteId" defaultValue={refused?.values.prerequisiteId ?? ''} {...props}>
                <option value="" disabled>
                  Choose a quest…
                </option>
                {quest.dependencyCandidates.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Kind of dependency"
            hint="Only a sequential one blocks the start."
            errors={refused?.fieldErrors.type}
          >
            {(props) => (
              <select name="type" defaultValue={refused?.values.type ?? 'sequential'} {...props}>
                {DEPENDENCY_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t[0]!.toUpperCase() + t.slice(1)}: {DEPENDENCY_LABEL[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div>
            <SubmitButton name="intent" value="add-dependency" pendingText="Adding…">
              Add dependency
            </SubmitButton>
          </div>
        </Form>
      ) : null}
    </section>
  )
}

function EditQuest({ quest, result }: { quest: Quest; result: Result }) {
  const refused = forIntent(result, 'edit')
  const values = refused?.values ?? {
    title: quest.title,
    description: quest.description ?? '',
    difficulty: quest.difficulty,
    priority: quest.priority,
    estimatedDuration: String(quest.estimatedDuration),
    categoryId: quest.categoryId ?? '',
  }
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">Edit quest</h2>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <QuestFields
          values={values}
          errors={refused?.fieldErrors ?? {}}
          categories={quest.choices.categories}
          tags={quest.choices.tags}
          selectedTags={refused ? (refused.values.tagIds?.split(',') ?? []) : quest.tags.map((t) => t.id)}
        />
        <div>
          <SubmitButton name="intent" value="edit" pendingText="Saving…">
            Save quest
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}

const RATINGS = ['1', '2', '3', '4', '5']

function Rating({ quest, result }: { quest: Quest; result: Result }) {
  const refused = forIntent(result, 'rate')
  const current = (value: number | null | undefined) => (value ? String(value) : '3')
  return (
    <section aria-labelledby="rate-title">
      <h2 id="rate-title">How was it?</h2>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <Field label="Difficulty (1 very easy – 5 very hard)" errors={refused?.fieldErrors.difficultyRating}>
          {(props) => (
            <select name="difficultyRating" defaultValue={current(quest.analytics?.difficultyRating)} {...props}>
              {RATINGS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Satisfaction (1 not at all – 5 very)" errors={refused?.fieldErrors.satisfactionRating}>
          {(props) => (
            <select name="satisfactionRating" defaultValue={current(quest.analytics?.satisfactionRating)} {...props}>
              {RATINGS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <SubmitButton name="intent" value="rate" pendingText="Saving…">
            Save rating
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}

export default function QuestPage() {
  const { quest, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <Page titleId="quest-title" className="quest">
      <p>
        <Link to="/quests">← All quests</Link>
      </p>
      <h1 id="quest-title">{quest.title}</h1>
      {quest.description ? <p className="lead">{quest.description}</p> : null}
      <dl className="facts">
        <dt>Status</dt>
        <dd>{quest.statusLabel}</dd>
        <dt>Difficulty</dt>
        <dd>{DIFFICULTY_LABEL[quest.difficulty]}</dd>
        <dt>Priority</dt>
        <dd>{PRIORITY_LABEL[quest.priority]}</dd>
        <dt>Estimate</dt>
        <dd>{quest.estimatedDuration} minutes</dd>
        {quest.actualDuration !== null ? (
          <>
            <dt>Time spent</dt>
            <dd>{quest.actualDuration} minutes</dd>
          </>
        ) : null}
        <dt>XP</dt>
        <dd>{quest.experiencePoints} XP</dd>
        {quest.category ? (
          <>
            <dt>Category</dt>
            <dd>
              <Swatch color={quest.category.color} /> {quest.category.name}
            </dd>
          </>
        ) : null}
        {quest.tags.length ? (
          <>
            <dt>Tags</dt>
            <dd>
              {quest.tags.map((t) => (
                <span key={t.id} className="badge muted">
                  <Swatch color={t.color} /> {t.name}
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {quest.team ? (
          <>
            <dt>Assigned by</dt>
            <dd>
              {quest.assignedBy?.name ?? quest.assignedBy?.username ?? 'your team'} ({quest.team.name})
            </dd>
          </>
        ) : null}
        {quest.dueAt ? (
          <>
            <dt>Due</dt>
            <dd>
              <time dateTime={quest.dueAt}>{formatDay(quest.dueAt, timeZone)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      <StatusButtons quest={quest} result={result} />
      <Steps quest={quest} result={result} />
      <Dependencies quest={quest} result={result} />
      {quest.status === 'completed' ? <Rating quest={quest} result={result} /> : null}
      {quest.editable ? <EditQuest quest={quest} result={result} /> : null}
    </Page>
  )
}
