import {
  answersInLastWeek,
  learnerSuggestionFacts,
  recentlyActiveLearners,
  suggestionFactsOf,
} from '~/modules/learning/suggestion-facts.server'
import { REVIEW_PATH, practicePath } from '~/modules/learning/links'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { type LearnerFacts, type ProposedSuggestion, proposeSuggestions } from './suggestion-rules'

const LINKS = { review: REVIEW_PATH, practice: practicePath }

export interface OpenSuggestion {
  id: string
  type: string
  title: string
  href: string
  confidence: number | null
}

/** Open = not answered and not expired at `now`. */
const openWhere = (userId: string, now: Date) => ({ userId, wasAccepted: null, expiresAt: { gt: now } })

/**
 * Stores the proposals of `facts` the learner has no unexpired suggestion for yet (same
 * type+target): running it twice adds nothing, and a dismissed (or accepted) suggestion stays
 * away until it would have expired. Returns how many it added.
 */
export async function storeSuggestions(userId: string, facts: LearnerFacts, now: Date): Promise<number> {
  const proposed = proposeSuggestions(facts, now, LINKS)
  if (proposed.length === 0) return 0
  const unexpired = await prisma.aISuggestion.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { suggestionType: true, suggestionData: true },
  })
  const taken = new Set(unexpired.map((o) => `${o.suggestionType}:${(o.suggestionData as { target?: string }).target}`))
  const fresh = proposed.filter((p: ProposedSuggestion) => !taken.has(`${p.type}:${p.target}`))
  if (fresh.length === 0) return 0
  await prisma.aISuggestion.createMany({
    data: fresh.map((p) => ({
      userId,
      suggestionType: p.type,
      suggestionData: { target: p.target, href: p.href, title: p.title },
      confidenceScore: p.confidence,
      expiresAt: p.expiresAt,
      createdAt: now,
    })),
  })
  return fresh.length
}

/** Reads the learner's facts (learning's read) and stores what they suggest. */
export async function refreshSuggestions(userId: string, now: Date): Promise<number> {
  return storeSuggestions(userId, await learnerSuggestionFacts(userId, now), now)
}

/**
 * The dashboard's suggestions: the open ones, else new ones proposed from the dashboard the page
 * already read (one count more, no second dashboard read).
 */
export async function dashboardSuggestions(
  userId: string,
  dashboard: Parameters<typeof suggestionFactsOf>[0],
  now: Date,
): Promise<OpenSuggestion[]> {
  const open = await openSuggestions(userId, now)
  if (open.length > 0) return open
  const added = await storeSuggestions(userId, suggestionFactsOf(dashboard, await answersInLastWeek(userId, now)), now)
  return added > 0 ? openSuggestions(userId, now) : open
}

export async function openSuggestions(userId: string, now: Date): Promise<OpenSuggestion[]> {
  const rows = await prisma.aISuggestion.findMany({
    where: openWhere(userId, now),
    orderBy: [{ confidenceScore: 'desc' }, { id: 'asc' }],
    take: 3,
  })
  return rows.map((r) => {
    const data = r.suggestionData as { href: string; title: string }
    return { id: r.id, type: r.suggestionType, title: data.title, href: data.href, confidence: r.confidenceScore }
  })
}

/** Records the learner's answer to their own open suggestion; returns where Accept leads. */
export async function answerSuggestion(
  userId: string,
  id: string,
  accepted: boolean,
  now: Date,
): Promise<{ href: string }> {
  const row = await prisma.aISuggestion.findFirst({ where: { id, ...openWhere(userId, now) } })
  if (!row) throw new NotFound('This suggestion was not found or is no longer open.')
  await prisma.aISuggestion.update({ where: { id }, data: { wasAccepted: accepted } })
  return { href: (row.suggestionData as { href: string }).href }
}

/** Refreshes the suggestions of every learner active in the last week. */
export async function refreshActiveLearnersSuggestions(now: Date): Promise<number> {
  let added = 0
  for (const userId of await recentlyActiveLearners(now)) added += await refreshSuggestions(userId, now)
  return added
}
