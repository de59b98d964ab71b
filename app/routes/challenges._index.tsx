import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { ChallengeCreate } from '~/modules/challenges/challenge-input'
import { activeTeamBoard, badgesOf, topicChoices } from '~/modules/challenges/challenge-detail.server'
import { type ChallengeStatus, STATUS_LABEL, instantToLocalDateTime } from '~/modules/challenges/challenge-rules'
import { challengeCreatorRights, createChallenge, listChallenges } from '~/modules/challenges/challenges.server'
import { LeaderboardTable } from '~/modules/challenges/components/challenge-board'
import { ChallengeBadges } from '~/modules/challenges/components/challenge-badges'
import { METRIC_HINT, METRIC_LABEL, SCORED_METRICS, formatScore } from '~/modules/challenges/scoring-rules'
import { joinAll } from '~/modules/teams/team-input'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatDayAndTime } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Challenges — Questlog' }]

const HOUR = 60 * 60 * 1000

/** The challenge list (running, upcoming, ended), the team board, my badges, and the create form for those allowed. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const now = serverNow()
  const [lists, rights, team, badges] = await Promise.all([
    listChallenges(user.id, now),
    challengeCreatorRights(user),
    activeTeamBoard(user, now),
    badgesOf(user.id),
  ])
  const canCreate = rights.global || rights.teams.length > 0
  const nextHour = new Date(Math.ceil(now.getTime() / HOUR) * HOUR)
  const show = (status: ChallengeStatus) =>
    lists[status].map((c) => ({
      id: c.id,
      title: c.title,
      metric: c.metric,
      team: c.team,
      joined: c.joined,
      score: c.myScore === null ? null : formatScore(c.metric, c.myScore),
      starts: formatDayAndTime(c.startDate, user.timezone),
      ends: formatDayAndTime(c.endDate, user.timezone),
    }))
  return {
    timeZone: user.timezone,
    running: show('running'),
    upcoming: show('upcoming'),
    ended: show('ended'),
    team,
    badges,
    create: canCreate
      ? {
          global: rights.global,
          teams: rights.teams,
          topics: await topicChoices(),
          startsAt: instantToLocalDateTime(nextHour, user.timezone),
          endsAt: instantToLocalDateTime(new Date(nextHour.getTime() + 7 * 24 * HOUR), user.timezone),
        }
      : null,
  }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = joinAll(await request.formData(), 'topics')
  const form = parseForm(formData, ChallengeCreate)
  if (!form.ok) return refuseForm(form, { intent: 'create' })
  try {
    const { id } = await createChallenge(user, form.value, serverNow())
    return redirectWithToast(`/challenges/${id}`, 'Challenge created.')
  } catch (error) {
    const values = Object.fromEntries([...formData].filter((e): e is [string, string] => typeof e[1] === 'string'))
    return refuseForm(error, { intent: 'create', values })
  }
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function ChallengeList({
  title,
  id,
  items,
  when,
}: {
  title: string
  id: string
  items: Data['running']
  when: 'ends' | 'starts'
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="plain-list stack-list">
          {items.map((c) => (
            <li key={c.id} className="card challenge-item">
              <h3>
                <Link to={`/challenges/${c.id}`}>{c.title}</Link>
              </h3>
              <p className="hint">
                {METRIC_LABEL[c.metric]} · {c.team ? `team ${c.team.name}` : 'everyone'} ·{' '}
                {when === 'ends' ? `ends ${c.ends}` : `starts ${c.starts}`}
                {c.joined ? ` · you take part${c.score !== null ? `, score ${c.score}` : ''}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export default function ChallengesPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const values = (result?.values ?? {}) as Record<string, string>
  const errors = result?.fieldErrors
  return (
    <Page titleId="challenges-title" className="challenges-page">
      <h1 id="challenges-title">Challenges</h1>
      <p className="hint">Times are shown in your time zone ({data.timeZone}).</p>
      <ChallengeList title={STATUS_LABEL.running} id="running-title" items={data.running} when="ends" />
      <ChallengeList title={STATUS_LABEL.upcoming} id="upcoming-title" items={data.upcoming} when="starts" />
      <ChallengeList title={STATUS_LABEL.ended} id="ended-title" items={data.ended} when="ends" />

      {data.team ? (
        <section aria-labelledby="team-board-title">
          <h2 id="team-board-title">{data.team.team.name}: XP of the last 7 days</h2>
          <LeaderboardTable board={data.team.board} metric="xp" caption={`Team board of ${data.team.team.name}`} />
        </section>
      ) : null}

      <ChallengeBadges badges={data.badges} />

      {data.create ? (
        <section aria-labelledby="create-challenge-title">
          <h2 id="create-challenge-title">Create a challenge</h2>
          <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
          <Form method="post" className="stack card" noValidate>
            <input type="hidden" name="intent" value="create" />
            <Field label="Title" hint="3 to 80 characters." errors={errors?.title}>
              {(props) => <input name="title" maxLength={80} defaultValue={values.title ?? ''} {...props} />}
            </Field>
            <Field label="Description (optional)" errors={errors?.description}>
              {(props) => (
                <textarea name="description" maxLength={1000} defaultValue={values.description ?? ''} {...props} />
              )}
            </Field>
            <Field label="For" errors={errors?.teamId}>
              {(props) => (
                <select
                  name="teamId"
                  defaultValue={values.teamId ?? (data.create!.global ? '' : data.create!.teams[0]?.id)}
                  {...props}
                >
                  {data.create!.global ? <option value="">Everyone (a global challenge)</option> : null}
                  {data.create!.teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      Team {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Scoring" errors={errors?.metric}>
              {(props) => (
                <select name="metric" defaultValue={values.metric ?? 'xp'} {...props}>
                  {SCORED_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {METRIC_LABEL[m]}: {METRIC_HINT[m]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Difficulty" errors={errors?.difficulty}>
              {(props) => (
                <select name="difficulty" defaultValue={values.difficulty ?? 'medium'} {...props}>
                  {['easy', 'medium', 'hard', 'expert'].map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Starts" hint={`Your time zone: ${data.timeZone}.`} errors={errors?.startsAt}>
              {(props) => (
                <input
                  type="datetime-local"
                  name="startsAt"
                  defaultValue={values.startsAt ?? data.create!.startsAt}
                  {...props}
                />
              )}
            </Field>
            <Field label="Ends" hint={`Your time zone: ${data.timeZone}.`} errors={errors?.endsAt}>
              {(props) => (
                <input
                  type="datetime-local"
                  name="endsAt"
                  defaultValue={values.endsAt ?? data.create!.endsAt}
                  {...props}
                />
              )}
            </Field>
            <fieldset>
              <legend>Topics (none = all topics)</legend>
              {errors?.topics ? <p className="field-error">{errors.topics.join(' ')}</p> : null}
              {data.create.topics.map((t) => (
                <label key={t.slug} className="checkbox">
                  <input
                    type="checkbox"
                    name="topics"
                    value={t.slug}
                    defaultChecked={(values.topics ?? '').split(',').includes(t.slug)}
                  />{' '}
                  {t.title}
                </label>
              ))}
            </fieldset>
            <Field
              label="Concepts (optional)"
              hint="Concept keys, e.g. fractions.add, separated by commas."
              errors={errors?.concepts}
            >
              {(props) => <input name="concepts" defaultValue={values.concepts ?? ''} {...props} />}
            </Field>
            <div>
              <SubmitButton pendingText="Creating…">Create challenge</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  )
}
