/**
 * Pure helpers of the learner's read side (dashboard, subject and topic pages, progress):
 * what the pages compute from rows the server modules loaded. No I/O.
 */
import type { MasteryLevel, StreakType } from '~/generated/prisma/client'
import { MASTERY_LABELS } from './mastery'
import { DEFAULT_DAILY_REVIEW_CAP } from './scheduling'
import { type StreakState, streakStatusAsOf } from './streak-rules'
import { type WeekStart, DEFAULT_WEEK_START } from '~/utils/time'

export const STREAK_TYPES: readonly StreakType[] = ['daily', 'weekly', 'monthly']

/** n for the daily tiers: the stored counter only counts while its day is today. */
export function answersCountedToday(
  row: { dailyTasksCount: number; dailyTasksDate: string | null } | null | undefined,
  todayKey: string,
): number {
  return row && row.dailyTasksDate === todayKey ? row.dailyTasksCount : 0
}

/** Reviews offered today: the due ones, up to what is left of the daily cap. */
export function reviewsOfferedToday(due: number, reviewedToday: number, cap = DEFAULT_DAILY_REVIEW_CAP): number {
  return Math.max(0, Math.min(due, cap - reviewedToday))
}

export interface StreakView {
  type: StreakType
  /** the count to show today (0 once the run can no longer continue) */
  current: number
  longest: number
  alive: boolean
  /** today's day / week / month already counts */
  doneThisPeriod: boolean
  /** held streak freezes (daily streak only; 0 for the others) */
  freezesHeld: number
  /** missed days the held freezes will cover when the learner next reaches the goal */
  freezesToBeUsed: number
}

type StreakRow = {
  type: StreakType
  currentCount: number
  longestCount: number
  startDate: string
  lastActivityDate: string
  freezesHeld: number
  isActive: boolean
}

/** Each streak as of today (a pure read: no freeze is used). A type without a row is an unstarted streak. */
export function streakViews(
  rows: readonly StreakRow[],
  todayKey: string,
  weekStartsOn: WeekStart = DEFAULT_WEEK_START,
): StreakView[] {
  return STREAK_TYPES.map((type) => {
    const row = rows.find((r) => r.type === type)
    const state: StreakState | null = row
      ? {
          currentCount: row.currentCount,
          longestCount: row.longestCount,
          startDate: row.startDate,
          lastActivityDate: row.lastActivityDate,
          freezesHeld: row.freezesHeld,
          isActive: row.isActive,
        }
      : null
    if (!state)
      return { type, current: 0, longest: 0, alive: false, doneThisPeriod: false, freezesHeld: 0, freezesToBeUsed: 0 }
    const status = streakStatusAsOf(state, todayKey, type, weekStartsOn)
    return {
      type,
      current: status.count,
      longest: state.longestCount,
      alive: status.alive,
      doneThisPeriod: status.doneThisPeriod,
      freezesHeld: type === 'daily' ? state.freezesHeld : 0,
      freezesToBeUsed: status.freezesToBeUsed,
    }
  })
}

export type DayXp = { day: string; xp: number }

/** One entry per day of `days` (oldest first), 0 where nothing was earned. */
export function dailyXpSeries(days: readonly string[], totals: ReadonlyArray<{ dayKey: string; xp: number }>): DayXp[] {
  const byDay = new Map<string, number>()
  for (const t of totals) byDay.set(t.dayKey, (byDay.get(t.dayKey) ?? 0) + t.xp)
  return days.map((day) => ({ day, xp: byDay.get(day) ?? 0 }))
}

/** Totals of a daily series: XP, days with any XP, days at or over the goal, the best day. */
export function seriesSummary(series: readonly DayXp[], goal: number) {
  const best = series.reduce<DayXp | null>((top, d) => (d.xp > 0 && (!top || d.xp > top.xp) ? d : top), null)
  return {
    total: series.reduce((sum, d) => sum + d.xp, 0),
    activeDays: series.filter((d) => d.xp > 0).length,
    goalDays: series.filter((d) => d.xp >= goal && d.xp > 0).length,
    best,
  }
}

/** "fractions.add-subtract" → "Add subtract": the last part of the key, in words. */
export function conceptLabel(concept: string): string {
  const words = (concept.split('.').at(-1) ?? concept).replace(/[-_]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : concept
}

export function masteryLabel(level: MasteryLevel): string {
  return MASTERY_LABELS[level]
}

export interface MasteryGroupTopic {
  id: string
  slug: string
  title: string
  subjectSlug: string
}

export type ConceptView = { concept: string; label: string; mastery: number; level: MasteryLevel; levelLabel: string }

/**
 * Concepts grouped by the topic they are taught in, in the order of `topics`, concepts by key;
 * concepts without a known (active) topic come last in a group with `topic: null`.
 */
export function groupConceptsByTopic<T extends MasteryGroupTopic>(
  masteries: ReadonlyArray<{ concept: string; topicId: string | null; mastery: number; level: MasteryLevel }>,
  topics: readonly T[],
): Array<{ topic: T | null; concepts: ConceptView[] }> {
  const groups = new Map<string | null, ConceptView[]>()
  const known = new Set(topics.map((t) => t.id))
  for (const m of [...masteries].sort((a, b) => (a.concept < b.concept ? -1 : a.concept > b.concept ? 1 : 0))) {
    const key = m.topicId !== null && known.has(m.topicId) ? m.topicId : null
    const list = groups.get(key) ?? []
    list.push({
      concept: m.concept,
      label: conceptLabel(m.concept),
      mastery: m.mastery,
      level: m.level,
      levelLabel: masteryLabel(m.level),
    })
    groups.set(key, list)
  }
  const ordered: Array<{ topic: T | null; concepts: ConceptView[] }> = topics.flatMap((t) => {
    const concepts = groups.get(t.id)
    return concepts ? [{ topic: t, concepts }] : []
  })
  const rest = groups.get(null)
  return rest ? [...ordered, { topic: null, concepts: rest }] : ordered
}
