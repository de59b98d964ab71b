import type { InStatement } from '@libsql/client'
import type { LeagueOutcome } from '~/generated/prisma/client'
import type { RecordedAnswer } from '~/modules/learning/submission.server'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { textOrNull } from '~/utils/db/row-values'
import { keyedLock } from '~/utils/keyed-lock.server'
import { log } from '~/utils/log.server'
import { asWeekStart, addDays, dayStartInstant } from '~/utils/time'
import { ulid } from '~/utils/ulid.server'
import {
  type LeagueClock,
  TIERS,
  type Zone,
  boardName,
  chooseCohort,
  leagueWeek,
  nextWeekStart,
  outcomeOf,
  previousWeekStart,
  standings,
  tierAfter,
  tierName,
  timeLeftLabel,
} from './league-rules'

/**
 * Weekly leagues (docs/leagues.md). A learner is placed into a cohort of their tier when their
 * week starts — lazily, at their first answer of the week or when they open the league page —
 * and the XP of their answers counts into their membership inside the answer's own write
 * (learning's `alongside`, composed in app/modules/progress-events.server.ts), so exactly once.
 * The exclusive job `leagues:finalize` ranks every cohort whose weeks have all ended and writes
 * who goes up or down. Reads of accounts' User: the learner's clock, name and hideFromBoards.
 */

const ts = (d: Date) => toDbTimestamp(d)
const GUARD = (what: string): InStatement => ({
  sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('stale ' || ?) END`,
  args: [what],
})
/** One placement at a time per tier and week start in this process, so cohorts fill in turn. */
const placing = keyedLock()

interface Membership {
  id: string
  cohortId: string
  weekStart: string
  tier: number
}

const MEMBERSHIP_SELECT = { id: true, cohortId: true, weekStart: true, tier: true } as const

// The league's reads run before every answer: raw SQL, a fraction of a Prisma query's cost.
async function clockOf(userId: string): Promise<LeagueClock | null> {
  const db = await databaseReady()
  const user = (
    await db.execute({
      sql: `SELECT "timezone", "dayStartHour", "weekStartsOn", "anonymizedAt" FROM "User" WHERE "id" = ?`,
      args: [userId],
    })
  ).rows[0]
  if (!user || user.anonymizedAt !== null) return null
  return {
    timezone: String(user.timezone),
    dayStartHour: Number(user.dayStartHour),
    weekStartsOn: asWeekStart(Number(user.weekStartsOn)),
  }
}

/** The end of a learner's league week that began on `weekStart`. */
const weekEnd = (weekStart: string, clock: LeagueClock) =>
  dayStartInstant(addDays(weekStart, 7), clock.timezone, clock.dayStartHour)

/**
 * Puts a membership into an open cohort of `tier` for `weekStart` (a new cohort when
 * chooseCohort says so): `write(cohortId)` is the membership's own statement, guarded by the
 * cohort still being open; the cohort's end moves to this learner's week end if later.
 */
async function placeInto(
  weekStart: string,
  tier: number,
  endsAt: Date,
  now: Date,
  write: (cohortId: string) => InStatement[],
): Promise<string> {
  return placing(`${weekStart}:${tier}`, async () => {
    for (let attempt = 1; ; attempt++) {
      const open = await openCohorts(weekStart, tier)
      const choice = chooseCohort(open.map((c) => c.members))
      const cohortId = choice === 'new' ? ulid() : open[choice]!.id
      const statements: InStatement[] = []
      if (choice === 'new') {
        statements.push({
          sql: `INSERT INTO "LeagueCohort" ("id", "weekStart", "tier", "endsAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
          args: [cohortId, weekStart, tier, ts(endsAt), ts(now), ts(now)],
        })
      } else {
        statements.push(
          {
            sql: `UPDATE "LeagueCohort" SET "endsAt" = MAX("endsAt", ?), "updatedAt" = ? WHERE "id" = ? AND "finalizedAt" IS NULL`,
            args: [ts(endsAt), ts(now), cohortId],
          },
          GUARD('LeagueCohort'),
        )
      }
      statements.push(...write(cohortId))
      try {
        await writeBatch(statements)
        return cohortId
      } catch (error) {
        // the cohort was finalised between the read and the write: choose again
        if (attempt < 5 && /malformed JSON/.test(String((error as Error)?.message ?? error))) continue
        throw error
      }
    }
  })
}

/**
 * The learner's membership of this week, placing them now if they have none: tier = last
 * week's adjusted by its outcome (1 for a newcomer). A membership made while last week's cohort
 * was still open (a learner whose week starts before others' of the same cohort end) is moved
 * to the right tier once that cohort is finalised, with its XP. Null for an unknown or deleted
 * account.
 */
export async function ensureMembership(userId: string, now: Date): Promise<(Membership & { endsAt: Date }) | null> {
  const clock = await clockOf(userId)
  if (!clock) return null
  const week = leagueWeek(now, clock)
  const { current, tier } = await thisWeek(userId, week.weekStart)
  if (current) {
    if (current.tier === tier) return { ...current, endsAt: week.endsAt }
    return { ...(await moveToTier(current, tier, week.endsAt, now)), endsAt: week.endsAt }
  }
  const id = ulid()
  try {
    const cohortId = await placeInto(week.weekStart, tier, week.endsAt, now, (cohortId) => [
      {
        sql: `INSERT INTO "LeagueMembership" ("id", "cohortId", "userId", "weekStart", "tier", "xp", "xpReachedAt", "createdAt", "updatedAt")
              SELECT ?, ?, ?, ?, ?, 0, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "LeagueCohort" WHERE "id" = ? AND "finalizedAt" IS NULL)`,
        args: [id, cohortId, userId, week.weekStart, tier, ts(now), ts(now), ts(now), cohortId],
      },
      GUARD('LeagueMembership'),
    ])
    return { id, cohortId, weekStart: week.weekStart, tier, endsAt: week.endsAt }
  } catch (error) {
    // the learner's other request placed them first
    if (!/UNIQUE constraint failed: LeagueMembership\./.test(String((error as Error)?.message ?? error))) throw error
    const placed = await prisma.leagueMembership.findUniqueOrThrow({
      where: { userId_weekStart: { userId, weekStart: week.weekStart } },
      select: MEMBERSHIP_SELECT,
    })
    return { ...placed, endsAt: week.endsAt }
  }
}

/** Moves a membership (with its XP) into a cohort of another tier of the same week. */
async function moveToTier(membership: Membership, tier: number, endsAt: Date, now: Date): Promise<Membership> {
  const cohortId = await placeInto(membership.weekStart, tier, endsAt, now, (cohortId) => [
    {
      sql: `UPDATE "LeagueMembership" SET "cohortId" = ?, "tier" = ?, "updatedAt" = ? WHERE "id" = ? AND "tier" = ?
            AND EXISTS (SELECT 1 FROM "LeagueCohort" WHERE "id" = "LeagueMembership"."cohortId" AND "finalizedAt" IS NULL)`,
      args: [cohortId, tier, ts(now), membership.id, membership.tier],
    },
    GUARD('LeagueMembership'),
  ])
  log.info('league membership moved to its tier', { membershipId: membership.id, from: membership.tier, to: tier })
  return { ...membership, cohortId, tier }
}

/**
 * For learning's `alongside` (app/modules/progress-events.server.ts): a builder of the answer's
 * league statements, which run inside the answer's batch — exactly once with it, and only if the
 * answer is recorded (a refused answer places nobody). A learner with a membership this week gets
 * the answer's XP added; a learner without one is placed by the same batch (the cohort chosen
 * now; a new cohort made only if the membership is), then credited. Null when none can be made
 * (an unknown or deleted account). The XP update only touches an open cohort, so a finalised week
 * never changes.
 */
export async function leagueScoring(
  userId: string,
  now: Date,
): Promise<((answer: RecordedAnswer) => InStatement[]) | null> {
  const clock = await clockOf(userId)
  if (!clock) return null
  const week = leagueWeek(now, clock)
  const { current, tier } = await thisWeek(userId, week.weekStart)
  if (current) {
    const membership = current.tier === tier ? current : await moveToTier(current, tier, week.endsAt, now)
    return (answer) => (answer.xpEarned > 0 ? [leagueXpStatement(membership.id, answer.xpEarned, answer.now)] : [])
  }
  const open = await openCohorts(week.weekStart, tier)
  const choice = chooseCohort(open.map((c) => c.members))
  const cohortId = choice === 'new' ? ulid() : open[choice]!.id
  const membershipId = ulid()
  const notPlaced = `NOT EXISTS (SELECT 1 FROM "LeagueMembership" WHERE "userId" = ? AND "weekStart" = ?)`
  return (answer) => [
    choice === 'new'
      ? {
          sql: `INSERT INTO "LeagueCohort" ("id", "weekStart", "tier", "endsAt", "createdAt", "updatedAt")
                SELECT ?, ?, ?, ?, ?, ? WHERE ${notPlaced}`,
          args: [cohortId, week.weekStart, tier, ts(week.endsAt), ts(now), ts(now), userId, week.weekStart],
        }
      : {
          sql: `UPDATE "LeagueCohort" SET "endsAt" = MAX("endsAt", ?), "updatedAt" = ? WHERE "id" = ? AND "finalizedAt" IS NULL AND ${notPlaced}`,
          args: [ts(week.endsAt), ts(now), cohortId, userId, week.weekStart],
        },
    {
      sql: `INSERT INTO "LeagueMembership" ("id", "cohortId", "userId", "weekStart", "tier", "xp", "xpReachedAt", "createdAt", "updatedAt")
            SELECT ?, ?, ?, ?, ?, 0, ?, ?, ? WHERE ${notPlaced}
              AND EXISTS (SELECT 1 FROM "LeagueCohort" WHERE "id" = ? AND "finalizedAt" IS NULL)`,
      args: [
        membershipId,
        cohortId,
        userId,
        week.weekStart,
        tier,
        ts(now),
        ts(now),
        ts(now),
        userId,
        week.weekStart,
        cohortId,
      ],
    },
    ...(answer.xpEarned > 0
      ? [
          {
            sql: `UPDATE "LeagueMembership" SET "xp" = "xp" + ?, "xpReachedAt" = ?, "updatedAt" = ? WHERE "userId" = ? AND "weekStart" = ?
                  AND EXISTS (SELECT 1 FROM "LeagueCohort" c WHERE c."id" = "LeagueMembership"."cohortId" AND c."finalizedAt" IS NULL)`,
            args: [answer.xpEarned, ts(answer.now), ts(answer.now), userId, week.weekStart],
          },
        ]
      : []),
  ]
}

/** This week's membership, if any, and the tier the learner plays in this week. */
async function thisWeek(userId: string, weekStart: string) {
  const db = await databaseReady()
  const rows = (
    await db.execute({
      sql: `SELECT "id", "cohortId", "weekStart", "tier", "outcome" FROM "LeagueMembership" WHERE "userId" = ? AND "weekStart" IN (?, ?)`,
      args: [userId, weekStart, previousWeekStart(weekStart)],
    })
  ).rows.map((row) => ({
    id: String(row.id),
    cohortId: String(row.cohortId),
    weekStart: String(row.weekStart),
    tier: Number(row.tier),
    outcome: textOrNull(row.outcome) as LeagueOutcome | null,
  }))
  const current = rows.find((r) => r.weekStart === weekStart) ?? null
  const last = rows.find((r) => r.weekStart !== weekStart) ?? null
  // last week not finalised yet: provisionally its tier (moveToTier fixes it once it is)
  return { current, tier: last && !last.outcome ? last.tier : tierAfter(last) }
}

async function openCohorts(weekStart: string, tier: number): Promise<{ id: string; members: number }[]> {
  const open = await prisma.leagueCohort.findMany({
    where: { weekStart, tier, finalizedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, _count: { select: { members: true } } },
  })
  return open.map((c) => ({ id: c.id, members: c._count.members }))
}

export function leagueXpStatement(membershipId: string, xp: number, now: Date): InStatement {
  return {
    sql: `UPDATE "LeagueMembership" SET "xp" = "xp" + ?, "xpReachedAt" = ?, "updatedAt" = ? WHERE "id" = ?
          AND EXISTS (SELECT 1 FROM "LeagueCohort" c WHERE c."id" = "LeagueMembership"."cohortId" AND c."finalizedAt" IS NULL)`,
    args: [xp, ts(now), ts(now), membershipId],
  }
}

// ─── Finalising ─────────────────────────────────────────────────────────────

/**
 * The `leagues:finalize` job: every open cohort whose end has passed is ranked, each member's
 * rank and outcome written and the cohort marked finalised, in one batch per cohort guarded by
 * `finalizedAt IS NULL` (so a second run, or another instance, changes nothing). Then members
 * who were already placed in next week at their old tier move to their new one. Returns the
 * number of cohorts finalised.
 */
export async function finalizeLeagues(now: Date): Promise<number> {
  const due = await prisma.leagueCohort.findMany({
    where: { finalizedAt: null, endsAt: { lte: now } },
    orderBy: { endsAt: 'asc' },
    select: {
      id: true,
      tier: true,
      weekStart: true,
      members: { select: { id: true, userId: true, xp: true, xpReachedAt: true } },
    },
  })
  let finalized = 0
  for (const cohort of due) {
    const ranked = standings(cohort.members, cohort.tier)
    try {
      await writeBatch([
        {
          sql: `UPDATE "LeagueCohort" SET "finalizedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "finalizedAt" IS NULL`,
          args: [ts(now), ts(now), cohort.id],
        },
        GUARD('LeagueCohort'),
        ...ranked.map((s) => ({
          sql: `UPDATE "LeagueMembership" SET "rank" = ?, "outcome" = ?, "updatedAt" = ? WHERE "id" = ?`,
          args: [s.rank, outcomeOf(s.zone), ts(now), s.member.id],
        })),
      ])
    } catch (error) {
      if (/malformed JSON/.test(String((error as Error)?.message ?? error))) continue // finalised elsewhere
      throw error
    }
    finalized++
    for (const s of ranked) {
      if (s.zone === null) continue
      await settleNextWeek(
        s.member.userId,
        nextWeekStart(cohort.weekStart),
        tierAfter({ tier: cohort.tier, outcome: outcomeOf(s.zone) }),
        now,
      )
    }
  }
  return finalized
}

/** A member already placed in next week at their old tier moves to the tier they earned. */
async function settleNextWeek(userId: string, weekStart: string, tier: number, now: Date): Promise<void> {
  const [next, clock] = await Promise.all([
    prisma.leagueMembership.findUnique({
      where: { userId_weekStart: { userId, weekStart } },
      select: MEMBERSHIP_SELECT,
    }),
    clockOf(userId),
  ])
  if (!next || next.tier === tier || !clock) return
  try {
    await moveToTier(next, tier, weekEnd(weekStart, clock), now)
  } catch (error) {
    // their next answer or visit moves them (ensureMembership)
    log.warn('league membership not moved', { userId, weekStart, error: String(error) })
  }
}

// ─── The board ──────────────────────────────────────────────────────────────

export interface LeagueRow {
  rank: number
  name: string
  xp: number
  isMe: boolean
  zone: Zone
}

export interface LeagueBoard {
  tiers: { tier: number; name: string; current: boolean }[]
  tier: number
  tierName: string
  weekStart: string
  /** the end of the viewer's week */
  endsAt: string
  timeLeft: string
  promoted: number
  demoted: number
  me: { rank: number; xp: number; zone: Zone }
  rows: LeagueRow[]
  lastWeek: { tier: number; tierName: string; rank: number | null; outcome: LeagueOutcome | null } | null
}

/**
 * The viewer's league this week (placing them if they have no cohort yet): every member of their
 * cohort ranked by XP, who goes up and down, the time left in the viewer's week. Learners who
 * hide from boards appear as "A learner" to the others; no user id leaves the module.
 */
export async function leagueBoard(userId: string, now: Date): Promise<LeagueBoard | null> {
  const membership = await ensureMembership(userId, now)
  if (!membership) return null
  const [members, last] = await Promise.all([
    prisma.leagueMembership.findMany({
      where: { cohortId: membership.cohortId },
      select: {
        userId: true,
        xp: true,
        xpReachedAt: true,
        user: { select: { name: true, username: true, hideFromBoards: true } },
      },
    }),
    prisma.leagueMembership.findUnique({
      where: { userId_weekStart: { userId, weekStart: previousWeekStart(membership.weekStart) } },
      select: { tier: true, rank: true, outcome: true },
    }),
  ])
  const ranked = standings(members, membership.tier)
  const rows = ranked.map((s) => ({
    rank: s.rank,
    name: boardName(s.member.user, s.member.userId === userId),
    xp: s.member.xp,
    isMe: s.member.userId === userId,
    zone: s.zone,
  }))
  const mine = rows.find((r) => r.isMe)!
  return {
    tiers: TIERS.map((name, i) => ({ tier: i + 1, name, current: i + 1 === membership.tier })),
    tier: membership.tier,
    tierName: tierName(membership.tier),
    weekStart: membership.weekStart,
    endsAt: membership.endsAt.toISOString(),
    timeLeft: timeLeftLabel(now, membership.endsAt),
    promoted: rows.filter((r) => r.zone === 'promotion').length,
    demoted: rows.filter((r) => r.zone === 'demotion').length,
    me: { rank: mine.rank, xp: mine.xp, zone: mine.zone },
    rows,
    lastWeek: last ? { tier: last.tier, tierName: tierName(last.tier), rank: last.rank, outcome: last.outcome } : null,
  }
}
