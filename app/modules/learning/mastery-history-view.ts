/**
 * Mastery over time (issue 14, item 8; docs/scheduling.md "Mastery with evidence"), pure: each
 * concept's Progress rows as a series ending at today's score, where each point names the
 * evidence behind it, and the geometry of the server-rendered chart.
 */
import type { MasteryLevel } from '~/generated/prisma/client'
import { KNOWLEDGE_GAP_BELOW, masteryLevel } from './mastery'

/** What justified a point: an answer, a review card made from a tutor answer, or nothing linkable. */
export type EvidenceLink =
  | { kind: 'attempt'; text: string; href: string | null; fromTutor: { href: string } | null }
  | { kind: 'tutor'; text: string; href: string }
  | { kind: 'note'; text: string }

/** A Progress row as the server reads it, with what its links point at (null: gone or not the learner's). */
export interface ProgressRow {
  id: string
  concept: string
  masteryLevel: number
  evidence: string | null
  createdAt: Date
  attempt: { isCorrect: boolean; hintUsed: boolean; taskPrompt: string; practiceHref: string } | null
  tutorMessage: { href: string } | null
}

export interface MasteryPoint {
  /** ISO instant */
  at: string
  /** the learner's day of it ("YYYY-MM-DD") */
  day: string
  mastery: number
  evidence: EvidenceLink
}

export interface ConceptHistory {
  concept: string
  label: string
  /** today's score (it fades between answers) */
  mastery: number
  level: MasteryLevel
  points: MasteryPoint[]
  isGap: boolean
}

export function evidenceOf(row: ProgressRow): EvidenceLink {
  if (row.attempt) {
    const outcome = row.attempt.isCorrect ? (row.attempt.hintUsed ? 'right with a hint' : 'right') : 'wrong'
    return {
      kind: 'attempt',
      text: `Answered “${row.attempt.taskPrompt}”: ${outcome}`,
      href: row.attempt.practiceHref,
      fromTutor: row.tutorMessage,
    }
  }
  if (row.tutorMessage)
    return { kind: 'tutor', text: 'Made a review card from a tutor answer', href: row.tutorMessage.href }
  return { kind: 'note', text: row.evidence ?? 'No evidence recorded' }
}

/**
 * One history per concept that has Progress rows or a current score, oldest point first. When
 * today's score differs from the last recorded one (memory fading since), a last point "today"
 * shows it. Gaps: concepts named in `gaps` (LearnerProfile.knowledgeGaps) or with evidence below
 * the gap threshold. Sorted gaps first, then by label.
 */
export function conceptHistories(
  rows: readonly ProgressRow[],
  current: ReadonlyArray<{ concept: string; mastery: number; level: MasteryLevel }>,
  {
    now,
    gaps,
    labels,
    dayOf,
  }: { now: Date; gaps: readonly string[]; labels: ReadonlyMap<string, string>; dayOf: (at: Date) => string },
): ConceptHistory[] {
  const byConcept = new Map<string, MasteryPoint[]>()
  for (const row of [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id))) {
    const points = byConcept.get(row.concept) ?? []
    points.push({
      at: row.createdAt.toISOString(),
      day: dayOf(row.createdAt),
      mastery: row.masteryLevel,
      evidence: evidenceOf(row),
    })
    byConcept.set(row.concept, points)
  }
  const currentOf = new Map(current.map((c) => [c.concept, c]))
  const concepts = new Set([...byConcept.keys(), ...currentOf.keys()])
  const gapSet = new Set(gaps)
  return [...concepts]
    .map((concept): ConceptHistory => {
      const points = byConcept.get(concept) ?? []
      const last = points.at(-1)
      const now_ = currentOf.get(concept)
      const mastery = now_?.mastery ?? last?.mastery ?? 0
      const level = now_?.level ?? masteryLevel(mastery, points.length > 0)
      if (now_ && last && now_.mastery !== last.mastery)
        points.push({
          at: now.toISOString(),
          day: dayOf(now),
          mastery: now_.mastery,
          evidence: { kind: 'note', text: 'Today: predicted recall has changed since the last answer' },
        })
      return {
        concept,
        label: labels.get(concept) ?? conceptWords(concept),
        mastery,
        level,
        points,
        isGap: gapSet.has(concept) || (level !== 'not_started' && mastery < KNOWLEDGE_GAP_BELOW),
      }
    })
    .sort((a, b) => Number(b.isGap) - Number(a.isGap) || compare(a.label, b.label) || compare(a.concept, b.concept))
}

/** "fractions.add-subtract" → "Add subtract". */
function conceptWords(concept: string): string {
  const words = (concept.split('.').at(-1) ?? concept).replace(/[-_]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : concept
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export const CHART = { width: 560, height: 180, margin: { top: 12, right: 16, bottom: 24, left: 36 } }

/**
 * Where each point sits in the chart: x by time between the first point and `end` (a single
 * point sits at the left), y by mastery 0–100. A step line: mastery holds until the next change.
 */
export function chartGeometry(points: readonly MasteryPoint[], end: Date) {
  const { width, height, margin } = CHART
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const times = points.map((p) => new Date(p.at).getTime())
  const start = times[0] ?? end.getTime()
  const span = Math.max(1, Math.max(end.getTime(), ...times) - start)
  const round = (n: number) => Math.round(n * 100) / 100
  const x = (t: number) => round(margin.left + ((t - start) / span) * plotW)
  const y = (m: number) => round(margin.top + plotH - (Math.min(100, Math.max(0, m)) / 100) * plotH)
  const dots = points.map((p, i) => ({ x: x(times[i]!), y: y(p.mastery) }))
  const steps: string[] = []
  dots.forEach((d, i) => {
    if (i > 0) steps.push(`${d.x},${dots[i - 1]!.y}`)
    steps.push(`${d.x},${d.y}`)
  })
  const lastDot = dots.at(-1)
  if (lastDot && x(end.getTime()) > lastDot.x) steps.push(`${x(end.getTime())},${lastDot.y}`)
  return { dots, line: steps.join(' '), y, gapLine: y(KNOWLEDGE_GAP_BELOW) }
}
