import { deleteExpiredSessions } from './accounts/session.server'
import { deleteExpiredVerifications } from './accounts/verification.server'
import { purgeOldEmails } from './notifications/mailer.server'
import { NOTIFICATION_RETENTION_MONTHS, deleteOldNotifications } from './notifications/retention.server'
import { QUEST_ANALYTICS_RETENTION_MONTHS, deleteOldQuestAnalytics } from './quests/retention.server'
import { BEHAVIOR_LOG_RETENTION_MONTHS, deleteOldBehaviorLogs } from './system/behavior-log.server'
import { deleteOldRetentionRuns, recordRetentionRun, retentionRunSummary } from './system/retention-runs.server'
import { EVERY_HOUR, type ScheduledJob, deleteOldRuns } from './system/scheduled-jobs.server'
import { AI_SUGGESTION_RETENTION_MONTHS, deleteExpiredAISuggestions } from './tutor/retention.server'
import { log } from '~/utils/log.server'

/**
 * Every rule for deleting old rows, in one table (seed 003's retention policies plus the
 * clean-ups of expired sessions, links, sent mail and the scheduler's run records). Each module deletes only its own
 * tables, so a policy names the owner's delete function; each of those deletes in chunks
 * of 2,000 rows, one short transaction each (system's deleteInChunks), so no run holds the
 * write lock for long. Each policy runs as its own exclusive hourly job, and every run is
 * recorded (RetentionRun) and logged with what it removed; /admin/retention shows them.
 */
export interface RetentionPolicy {
  /** also the scheduled job's name */
  name: string
  owner: 'accounts' | 'notifications' | 'quests' | 'system' | 'tutor'
  /** the rows it deletes */
  what: string
  /** how long they are kept, for people */
  keep: string
  /** the owner's chunked delete; returns the rows removed */
  delete: (now: Date) => Promise<number>
}

const months = (n: number) => `${n} months`

export const RETENTION_POLICIES: readonly RetentionPolicy[] = [
  {
    name: 'cleanup:sessions',
    owner: 'accounts',
    what: 'sessions',
    keep: 'until they expire',
    delete: deleteExpiredSessions,
  },
  {
    name: 'cleanup:verifications',
    owner: 'accounts',
    what: 'sign-in, reset and confirmation links',
    keep: 'until used or expired',
    delete: deleteExpiredVerifications,
  },
  {
    name: 'cleanup:emails',
    owner: 'notifications',
    what: 'outgoing e-mail',
    keep: '1 day once sent, 7 days queued or failed',
    delete: purgeOldEmails,
  },
  {
    name: 'retention:behavior-log',
    owner: 'system',
    what: 'behaviour log',
    keep: months(BEHAVIOR_LOG_RETENTION_MONTHS),
    delete: deleteOldBehaviorLogs,
  },
  {
    name: 'retention:notifications',
    owner: 'notifications',
    what: 'notifications',
    keep: months(NOTIFICATION_RETENTION_MONTHS),
    delete: deleteOldNotifications,
  },
  {
    name: 'retention:quest-analytics',
    owner: 'quests',
    what: 'quest analytics',
    keep: months(QUEST_ANALYTICS_RETENTION_MONTHS),
    delete: deleteOldQuestAnalytics,
  },
  {
    name: 'retention:ai-suggestions',
    owner: 'tutor',
    what: 'AI suggestions',
    keep: `${months(AI_SUGGESTION_RETENTION_MONTHS)}, or until they expire`,
    delete: deleteExpiredAISuggestions,
  },
  {
    name: 'cleanup:scheduled-runs',
    owner: 'system',
    what: "the scheduler's records of finished runs",
    keep: '7 days',
    delete: deleteOldRuns,
  },
  {
    name: 'retention:runs',
    owner: 'system',
    what: 'these retention run records',
    keep: '3 months',
    delete: deleteOldRetentionRuns,
  },
]

/** Runs one policy, records and logs what it removed; a failure is recorded and then rethrown for the scheduler. */
export async function runRetentionPolicy(policy: RetentionPolicy, now: Date): Promise<number> {
  const startedAt = new Date()
  try {
    const removed = await policy.delete(now)
    await recordRetentionRun({ policy: policy.name, startedAt, finishedAt: new Date(), removed })
    log.info('retention run', { policy: policy.name, owner: policy.owner, removed })
    return removed
  } catch (error) {
    await recordRetentionRun({
      policy: policy.name,
      startedAt,
      finishedAt: new Date(),
      removed: 0,
      error: String(error),
    })
    throw error
  }
}

export const RETENTION_JOBS: readonly ScheduledJob[] = RETENTION_POLICIES.map((policy) => ({
  name: policy.name,
  everyMs: EVERY_HOUR,
  exclusive: true,
  run: (now: Date) => runRetentionPolicy(policy, now),
}))

export interface RetentionPolicyOverview {
  name: string
  owner: RetentionPolicy['owner']
  what: string
  keep: string
  lastRun: { startedAt: Date; finishedAt: Date | null; removed: number; error: string | null } | null
  removedLast30Days: number
}

/** Each policy with its latest run and what it removed lately, for /admin/retention. */
export async function retentionPolicyOverview(now: Date): Promise<RetentionPolicyOverview[]> {
  const runs = await retentionRunSummary(
    RETENTION_POLICIES.map((p) => p.name),
    now,
  )
  return RETENTION_POLICIES.map(({ name, owner, what, keep }) => ({
    name,
    owner,
    what,
    keep,
    lastRun: runs.get(name)?.last ?? null,
    removedLast30Days: runs.get(name)?.removedLast30Days ?? 0,
  }))
}
