import type { TeamAccess } from '~/modules/teams/access.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import { startIngestion } from './ingestion.server'
import { parseDocument } from './parse.server'
import { DEFAULT_FETCH_POLICY, type FetchPolicy, fetchMonitoredPage } from './url-fetch.server'

/**
 * Monitored URLs: a team's web pages checked every `checkInterval` minutes. A check is a conditional
 * GET with the stored ETag / Last-Modified: 304 → only `lastChecked` moves; 200 → the page is parsed
 * (type from its bytes) and ingested as the document of source = the URL, unless its text is the
 * one already ingested (nothing but `lastChecked` and the validators then). A refused or failing
 * fetch is logged and tried again at the next interval.
 */

const MAX_URLS_PER_TEAM = 50

export interface MonitoredUrlView {
  id: string
  url: string
  enabled: boolean
  checkInterval: number
  lastChecked: Date | null
}

export async function listMonitoredUrls(access: TeamAccess): Promise<MonitoredUrlView[]> {
  return prisma.monitoredUrl.findMany({
    where: { teamId: access.team.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, url: true, enabled: true, checkInterval: true, lastChecked: true },
  })
}

export async function addMonitoredUrl(access: TeamAccess, input: { url: string; checkInterval: number }) {
  const url = new URL(input.url).href
  const [existing, count] = await Promise.all([
    prisma.monitoredUrl.findFirst({ where: { teamId: access.team.id, url }, select: { id: true } }),
    prisma.monitoredUrl.count({ where: { teamId: access.team.id } }),
  ])
  if (existing) throw new Conflict('This address is already monitored.', 'url')
  if (count >= MAX_URLS_PER_TEAM)
    throw new Conflict(`A team can monitor at most ${MAX_URLS_PER_TEAM} addresses.`, 'url')
  return prisma.monitoredUrl.create({
    data: { teamId: access.team.id, url, checkInterval: input.checkInterval },
    select: { id: true, url: true },
  })
}

async function teamUrl(access: TeamAccess, id: string) {
  const row = await prisma.monitoredUrl.findFirst({
    where: { id, teamId: access.team.id },
    select: { id: true, url: true },
  })
  if (!row) throw new NotFound('This monitored address was not found in this team.')
  return row
}

export async function removeMonitoredUrl(access: TeamAccess, id: string) {
  const row = await teamUrl(access, id)
  await prisma.monitoredUrl.delete({ where: { id: row.id }, select: { id: true } })
  return row
}

export async function setMonitoredUrlEnabled(access: TeamAccess, id: string, enabled: boolean) {
  const row = await teamUrl(access, id)
  await prisma.monitoredUrl.update({ where: { id: row.id }, data: { enabled }, select: { id: true } })
  return row
}

export interface UrlCheckSummary {
  checked: number
  notModified: number
  unchanged: number
  queued: number
  failed: number
}

/** The fetch policy from the environment (MONITORED_URL_ALLOWED_HOSTS). */
export function configuredFetchPolicy(): FetchPolicy {
  return { ...DEFAULT_FETCH_POLICY, allowedHosts: getEnv().MONITORED_URL_ALLOWED_HOSTS }
}

/** Checks every enabled URL whose interval has passed (scheduled job `monitored-urls:check`). */
export async function checkDueUrls(now = new Date(), policy = configuredFetchPolicy()): Promise<UrlCheckSummary> {
  const candidates = await prisma.monitoredUrl.findMany({
    where: { enabled: true, teamId: { not: null } },
    orderBy: [{ lastChecked: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      teamId: true,
      url: true,
      checkInterval: true,
      lastChecked: true,
      etag: true,
      lastModified: true,
    },
  })
  const due = candidates.filter(
    (row) => !row.lastChecked || row.lastChecked.getTime() + row.checkInterval * 60_000 <= now.getTime(),
  )
  const summary: UrlCheckSummary = { checked: 0, notModified: 0, unchanged: 0, queued: 0, failed: 0 }
  for (const row of due) {
    summary.checked++
    try {
      const outcome = await fetchMonitoredPage(row.url, { etag: row.etag, lastModified: row.lastModified }, policy)
      if (outcome.kind === 'not-modified') {
        summary.notModified++
        await touch(row.id, now, {})
        continue
      }
      if (outcome.kind === 'refused') throw new Error(outcome.reason)
      const parsed = await parseDocument(outcome.bytes, 'url')
      const started = await startIngestion(
        { teamId: row.teamId!, userId: null, type: 'url', source: row.url, monitoredUrlId: row.id },
        { title: new URL(row.url).hostname, bytes: outcome.bytes.byteLength, parsed },
      )
      if (started) summary.queued++
      else summary.unchanged++
      await touch(row.id, now, { etag: outcome.etag, lastModified: outcome.lastModified })
    } catch (error) {
      summary.failed++
      log.warn('monitored URL check failed', { monitoredUrlId: row.id, error: String(error) })
      // Tried again at the next interval, not at every tick.
      await touch(row.id, now, {})
    }
  }
  return summary
}

async function touch(id: string, now: Date, validators: { etag?: string | null; lastModified?: string | null }) {
  await prisma.monitoredUrl.updateMany({ where: { id }, data: { lastChecked: now, ...validators } })
}
