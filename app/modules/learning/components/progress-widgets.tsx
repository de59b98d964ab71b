import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ProgressBar } from '~/components/ui/progress-bar'
import type { StreakType } from '~/generated/prisma/client'
import { practicePath, topicPath } from '../links'
import type { LevelProgress } from '../xp-rules'

/** Pieces of the learner's read pages: level bars, streaks, the daily goal, concept mastery. */

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The level and a bar to the next level, e.g. for a topic ("Level 2 · 134 / 250 XP"). */
export function LevelBar({ progress, xp, name }: { progress: LevelProgress; xp: number; name: string }) {
  const valueText =
    progress.next === null
      ? `Level ${progress.level}, the top level, with ${xp} XP`
      : `Level ${progress.level}: ${xp - progress.floor} of ${progress.next - progress.floor} XP on the way to level ${progress.level + 1}`
  return (
    <div className="level-bar">
      <p className="level-bar-text">
        <strong>Level {progress.level}</strong>{' '}
        <span className="hint">
          {progress.next === null
            ? `· top level · ${xp} XP`
            : `· ${xp} / ${progress.next} XP to level ${progress.level + 1}`}
        </span>
      </p>
      <ProgressBar fraction={progress.fraction} label={`${name}: progress to the next level`} valueText={valueText} />
    </div>
  )
}

const STREAK_NAMES: Record<StreakType, { title: string; unit: string; period: string }> = {
  daily: { title: 'Daily streak', unit: 'day', period: 'today' },
  weekly: { title: 'Weekly streak', unit: 'week', period: 'this week' },
  monthly: { title: 'Monthly streak', unit: 'month', period: 'this month' },
}

type StreakItem = {
  type: StreakType
  current: number
  longest: number
  doneThisPeriod: boolean
  freezesHeld: number
  freezesToBeUsed: number
}

export function StreakList({ streaks }: { streaks: readonly StreakItem[] }) {
  return (
    <ul className="plain-list streak-list">
      {streaks.map((s) => {
        const name = STREAK_NAMES[s.type]
        return (
          <li key={s.type}>
            <span className="streak-title">{name.title}</span>
            <strong className="streak-count">{plural(s.current, name.unit)}</strong>
            <span className={s.doneThisPeriod ? 'streak-done' : 'hint'}>
              {s.doneThisPeriod ? `✓ Done ${name.period}` : `Not done ${name.period} yet`}
            </span>
            <span className="hint">
              Longest: {plural(s.longest, name.unit)}
              {s.type === 'daily' ? ` · Streak freezes: ${s.freezesHeld} of 2` : null}
              {s.freezesToBeUsed > 0
                ? ` · ${plural(s.freezesToBeUsed, 'freeze')} will cover the missed ${s.freezesToBeUsed === 1 ? 'day' : 'days'}`
                : null}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

export function DailyGoal({
  xpToday,
}: {
  xpToday: { earned: number; goal: number; source: 'team' | 'personal'; met: boolean; remaining: number }
}) {
  const whose = xpToday.source === 'team' ? 'your team’s daily goal' : 'your daily goal'
  return (
    <div className="daily-goal">
      <p>
        <strong>{xpToday.earned} XP</strong> today of {whose} of {xpToday.goal} XP
      </p>
      <ProgressBar
        fraction={xpToday.goal > 0 ? xpToday.earned / xpToday.goal : 1}
        label="Today’s XP towards the daily goal"
        valueText={`${xpToday.earned} of ${xpToday.goal} XP`}
        tone={xpToday.met ? 'goal-met' : undefined}
      />
      <p className={xpToday.met ? 'streak-done' : 'hint'}>
        {xpToday.met
          ? '✓ Goal reached: today counts for your streaks.'
          : `${xpToday.remaining} XP to go for today to count for your streaks.`}
      </p>
    </div>
  )
}

type ConceptItem = { concept: string; label: string; mastery: number; level: string; levelLabel: string }

/** Concepts as labelled horizontal bars (0–100) with their mastery level in words. */
export function MasteryList({ concepts }: { concepts: readonly ConceptItem[] }) {
  return (
    <ul className="plain-list mastery-list">
      {concepts.map((c) => (
        <li key={c.concept}>
          <span className="mastery-name" id={`concept-${c.concept}`}>
            {c.label} <span className="hint">({c.concept})</span>
          </span>
          <ProgressBar
            fraction={c.mastery / 100}
            labelledBy={`concept-${c.concept}`}
            valueText={c.level === 'not_started' ? 'Not started' : `${c.levelLabel}, ${c.mastery} of 100`}
            tone={`mastery-${c.level}`}
          />
          <span className={`mastery-level mastery-level-${c.level}`}>
            {c.levelLabel}
            {c.level === 'not_started' ? null : <span className="hint"> · {c.mastery}</span>}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** A topic in a grid of topics: its title, level bar, a line about it, and the practise link. */
export function TopicCard({
  topic,
  subjectSlug,
  heading: Heading,
  children,
}: {
  topic: { slug: string; title: string; progress: LevelProgress; currentXp: number; started: boolean }
  subjectSlug: string
  heading: 'h3' | 'h4'
  children: ReactNode
}) {
  return (
    <li className="card topic-card">
      <Heading>
        <Link to={topicPath(subjectSlug, topic.slug)}>{topic.title}</Link>
      </Heading>
      <LevelBar progress={topic.progress} xp={topic.currentXp} name={topic.title} />
      {children}
      <Link className="button" to={practicePath(topic.slug)}>
        {topic.started ? 'Practise' : 'Start'}
        <span className="visually-hidden"> {topic.title}</span>
      </Link>
    </li>
  )
}
