/**
 * AI suggestions proposed from a learner's facts (pure; read and stored by suggestions.server.ts).
 *
 * Confidence, 0..1, rounded to two places (the seed's DECIMAL(3,2)):
 * - `review_now`: 0.5 + 0.05 per due review, capped at 1 — more due cards, surer that reviewing now pays.
 * - `next_topic`: (1 − mastery/100) of the weakest gap.
 * Both are scaled by recent activity: × 1 when the learner was active in the last 7 days, × 0.8 otherwise
 * (a lapsed learner's facts are older, so the proposal is less sure).
 */
export const SUGGESTION_TYPES = ['review_now', 'next_topic'] as const
export type SuggestionType = (typeof SUGGESTION_TYPES)[number]

export const MAX_SUGGESTIONS = 3
export const SUGGESTION_TTL_DAYS = 7
const DAY_MS = 86_400_000

export interface TopicRef {
  slug: string
  title: string
  subjectSlug: string
}

export interface LearnerFacts {
  dueByTopic: Array<{ topic: TopicRef; due: number }>
  /** concepts not yet proficient, any order */
  lowMastery: Array<{ concept: string; label: string; mastery: number; topic: TopicRef }>
  /** answers given in the 7 days before now */
  answersLast7Days: number
}

export interface ProposedSuggestion {
  type: SuggestionType
  /** what makes two suggestions the same: one open per type+target */
  target: string
  /** where Accept leads */
  href: string
  title: string
  confidence: number
  expiresAt: Date
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100

export function proposeSuggestions(
  facts: LearnerFacts,
  now: Date,
  links: { review: string; practice: (topicSlug: string) => string },
): ProposedSuggestion[] {
  const recency = facts.answersLast7Days > 0 ? 1 : 0.8
  const expiresAt = new Date(now.getTime() + SUGGESTION_TTL_DAYS * DAY_MS)
  const out: ProposedSuggestion[] = []

  const reviews = facts.dueByTopic
    .filter((d) => d.due > 0)
    .sort((a, b) => b.due - a.due || a.topic.slug.localeCompare(b.topic.slug))
  for (const { topic, due } of reviews.slice(0, 2)) {
    out.push({
      type: 'review_now',
      target: topic.slug,
      href: links.review,
      title: `Review ${topic.title}: ${due} ${due === 1 ? 'card is' : 'cards are'} due`,
      confidence: round2(Math.min(1, 0.5 + 0.05 * due) * recency),
      expiresAt,
    })
  }

  const weakest = [...facts.lowMastery].sort((a, b) => a.mastery - b.mastery || a.concept.localeCompare(b.concept))[0]
  if (weakest) {
    out.push({
      type: 'next_topic',
      target: weakest.topic.slug,
      href: links.practice(weakest.topic.slug),
      title: `Practise ${weakest.label} in ${weakest.topic.title}`,
      confidence: round2((1 - weakest.mastery / 100) * recency),
      expiresAt,
    })
  }

  return out.sort((a, b) => b.confidence - a.confidence).slice(0, MAX_SUGGESTIONS)
}
