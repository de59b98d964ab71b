import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ProgressBar } from '~/components/ui/progress-bar'
import { Page } from '~/components/ui/page'
import { RarityBadge, TrophyIcon } from '~/modules/achievements/components/rarity-badge'
import { trophyCase } from '~/modules/achievements/trophies.server'
import { badgesOf } from '~/modules/challenges/challenge-detail.server'
import { ChallengeBadges } from '~/modules/challenges/components/challenge-badges'
import { shareLabel } from '~/modules/achievements/trophy-view'
import { LEARN_PATH } from '~/modules/learning/links'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { logBehavior } from '~/modules/system/behavior-log.server'
import { activityContext } from '~/utils/activity.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Your trophies — Questlog' }]

/** The trophy case: earned achievements with their day, challenge badges beside them, progress towards the others, secrets as "???". */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const now = serverNow()
  const [trophies, badges] = await Promise.all([
    trophyCase(user.id, now),
    badgesOf(user.id),
    logBehavior({
      userId: user.id,
      actionType: 'page.viewed',
      actionData: { page: 'trophies' },
      context: activityContext(request, user.sessionId),
      now,
    }),
  ])
  return { ...trophies, badges }
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>

/** A trophy's heading (icon and name), its rarity and how many active learners hold it. */
function TrophyHead({
  trophy,
  Heading,
}: {
  trophy: { icon: string | null; name: string; rarity: string; share: Data['earned'][number]['share'] }
  Heading: 'h3' | 'h4'
}) {
  return (
    <>
      <Heading>
        <TrophyIcon icon={trophy.icon} /> {trophy.name}
      </Heading>
      <p>
        <RarityBadge rarity={trophy.rarity} /> <span className="hint trophy-share">{shareLabel(trophy.share)}</span>
      </p>
    </>
  )
}

function Earned({ data }: { data: Data }) {
  return (
    <section aria-labelledby="earned-title">
      <h2 id="earned-title">Earned</h2>
      {data.earned.length === 0 ? (
        <p>
          Nothing yet. <Link to={LEARN_PATH}>Answer a task</Link> to earn your first trophy.
        </p>
      ) : (
        <ul className="plain-list trophy-grid">
          {data.earned.map((t) => (
            <li key={t.key} className="card trophy trophy-earned">
              <TrophyHead trophy={t} Heading="h3" />
              <p>{t.description}</p>
              <p className="hint">
                Earned on <time dateTime={t.unlockedAt}>{t.unlockedOn}</time>
                {t.xpReward > 0 ? ` · +${t.xpReward} XP` : null}
                {t.retired ? ' · no longer awarded' : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Locked({ data }: { data: Data }) {
  if (data.locked.length === 0) return null
  const categories = [...new Set(data.locked.map((t) => t.categoryTitle))]
  return (
    <section aria-labelledby="locked-title">
      <h2 id="locked-title">Still to earn</h2>
      {categories.map((title) => (
        <section key={title} aria-label={title}>
          <h3>{title}</h3>
          <ul className="plain-list trophy-grid">
            {data.locked
              .filter((t) => t.categoryTitle === title)
              .map((t) => (
                <li key={t.key} className="card trophy trophy-locked">
                  <TrophyHead trophy={t} Heading="h4" />
                  <p>{t.description}</p>
                  <ProgressBar
                    fraction={t.progress.percent / 100}
                    label={`${t.name}: progress`}
                    valueText={`${t.progress.label} (${t.progress.percent}%)`}
                  />
                  <p className="hint">
                    {t.progress.label}
                    {t.xpReward > 0 ? ` · +${t.xpReward} XP` : null}
                  </p>
                  {t.season ? (
                    <p className="hint">
                      Seasonal: {t.season.label}
                      {t.season.open ? ' — open now' : ' — closed today'}
                    </p>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

function Hidden({ data }: { data: Data }) {
  if (data.hidden.length === 0) return null
  return (
    <section aria-labelledby="hidden-title">
      <h2 id="hidden-title">Secret</h2>
      <p className="hint">These show themselves when you earn them.</p>
      <ul className="plain-list trophy-grid">
        {data.hidden.map((t, i) => (
          <li key={i} className="card trophy trophy-hidden">
            <TrophyHead trophy={{ ...t, icon: '❔' }} Heading="h3" />
          </li>
        ))}
      </ul>
    </section>
  )
}

export default function TrophiesPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <Page titleId="trophies-title" className="trophies">
      <h1 id="trophies-title">Your trophies</h1>
      <p className="lead">
        {data.counts.earned} of {data.counts.total} earned. Rarity is the share of the {data.activeLearners}{' '}
        {data.activeLearners === 1 ? 'learner' : 'learners'} active in the last 30 days who hold it.
      </p>
      <Earned data={data} />
      <ChallengeBadges badges={data.badges} />
      <Locked data={data} />
      <Hidden data={data} />
    </Page>
  )
}
