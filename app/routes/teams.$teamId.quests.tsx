import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { teamRoleCan } from '~/modules/accounts/permissions'
import { GoalFields, QuestFields } from '~/modules/quests/components/quest-fields'
import { goalTopics } from '~/modules/quests/learning-goals.server'
import { QuestAssign } from '~/modules/quests/quest-input'
import { assignQuest } from '~/modules/quests/team-quests.server'
import { teamAccess } from '~/modules/teams/access.server'
import { displayName } from '~/modules/teams/format'
import { joinAll } from '~/modules/teams/team-input'
import { ROLE_LABEL, countOf } from '~/modules/teams/team-rules'
import { getTeamOverview } from '~/modules/teams/teams.server'
import { activityContext } from '~/utils/activity.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Assign a quest — ${data?.team.name ?? 'Team'} — Questlog` },
]

/** Team owners, admins and instructors assign a quest to members: each chosen member gets their own copy. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, 'read:team-members:own-team')
  const [team, topics] = await Promise.all([getTeamOverview(access.team.id), goalTopics()])
  return {
    team: { id: team.id, name: team.name },
    canAssign: access.role !== null && teamRoleCan(access.role, 'assign:team-quests:own-team'),
    members: team.members.map((m) => ({ userId: m.userId, name: displayName(m), role: m.role })),
    topics,
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const access = await teamAccess(user, params.teamId, 'read:team-members:own-team')
  const formData = joinAll(await request.formData(), 'memberIds')
  const form = parseForm(formData, QuestAssign)
  if (!form.ok) return refuseForm(form, { intent: 'assign' })
  try {
    const { assigned } = await assignQuest(access, form.value, serverNow(), activityContext(request, user.sessionId))
    return redirectWithToast(`/teams/${access.team.id}`, `The quest was assigned to ${countOf(assigned, 'member')}.`)
  } catch (error) {
    return refuseForm(error, { intent: 'assign', values: Object.fromEntries(formData) as Record<string, string> })
  }
})

export default function AssignQuestPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  const chosen = new Set(values.memberIds?.split(',') ?? [])
  return (
    <Page titleId="assign-title">
      <p>
        <Link to={`/teams/${data.team.id}`}>← {data.team.name}</Link>
      </p>
      <h1 id="assign-title">Assign a quest</h1>
      {!data.canAssign ? (
        <p>Only the team’s owner, admins and instructors can assign quests.</p>
      ) : (
        <>
          <p className="lead">Each member you choose gets their own copy and sees it beside their own quests.</p>
          <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
          <Form method="post" className="stack card" noValidate>
            <fieldset className="field">
              <legend>Members</legend>
              {data.members.map((m) => (
                <label key={m.userId} className="checkbox">
                  <input type="checkbox" name="memberIds" value={m.userId} defaultChecked={chosen.has(m.userId)} />{' '}
                  {m.name} <span className="hint">({ROLE_LABEL[m.role]})</span>
                </label>
              ))}
              {errors.memberIds ? <p className="field-error">{errors.memberIds.join(' ')}</p> : null}
            </fieldset>
            <QuestFields values={values} errors={errors} />
            <Field label="Due date (optional)" errors={errors.dueDay}>
              {(props) => <input name="dueDay" type="date" defaultValue={values.dueDay ?? ''} {...props} />}
            </Field>
            <Field label="Steps (optional)" hint="One step per line, in order." errors={errors.steps}>
              {(props) => <textarea name="steps" rows={4} defaultValue={values.steps ?? ''} {...props} />}
            </Field>
            <GoalFields values={values} errors={errors} topics={data.topics} />
            <div>
              <SubmitButton name="intent" value="assign" pendingText="Assigning…">
                Assign quest
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
    </Page>
  )
}
