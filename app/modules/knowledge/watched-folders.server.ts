import { readFile, readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { z } from 'zod'
import type { TeamAccess } from '~/modules/teams/access.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import { WATCHED_FILE_TYPES, type WatchedFileType, type WatchedFolderSettings } from './document-input'
import { startIngestion } from './ingestion.server'
import { MAX_DOCUMENT_BYTES, parseDocument } from './parse.server'

/**
 * Watched folders: a folder on the server (under one of WATCHED_FOLDER_ROOTS) whose files of the
 * chosen types are ingested as the team's documents, managed on the documents page. A scan walks
 * an enabled folder — every 5 minutes (scheduled job `watched-folders:scan`) when it is set to
 * process automatically, else when a manager presses "Scan now"; a paused folder is not scanned. A file whose mtime and size differ from those its last ingestion job
 * recorded is read, parsed and ingested as source `folder:<folder id>/<relative path>`; an
 * unchanged one is not even read.
 */

const MAX_FOLDERS_PER_TEAM = 20
const MAX_FILES_PER_SCAN = 2000

export function watchedFolderRoots(): string[] {
  return getEnv().WATCHED_FOLDER_ROOTS
}

export interface WatchedFolderView {
  id: string
  path: string
  enabled: boolean
  fileTypes: WatchedFileType[]
  recursive: boolean
  autoProcess: boolean
  lastScannedAt: Date | null
}

const VIEW = {
  id: true,
  path: true,
  enabled: true,
  fileTypes: true,
  recursive: true,
  autoProcess: true,
  lastScannedAt: true,
} as const

function fileTypesOf(json: unknown): WatchedFileType[] {
  const parsed = z.array(z.enum(WATCHED_FILE_TYPES)).safeParse(json)
  return parsed.success ? parsed.data : []
}

export async function listWatchedFolders(access: TeamAccess): Promise<WatchedFolderView[]> {
  const rows = await prisma.watchedFolder.findMany({
    where: { teamId: access.team.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: VIEW,
  })
  return rows.map((row) => ({ ...row, fileTypes: fileTypesOf(row.fileTypes) }))
}

const within = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)

/** The folder's real path, if it exists, is a directory and lies under an allowed root (links resolved). */
async function allowedDirectory(path: string, roots: string[]): Promise<string> {
  if (!roots.length) throw new Invalid('Watched folders are not enabled on this server.', 'path')
  if (!path.startsWith('/')) throw new Invalid(`The folder path must be absolute: ${path}`, 'path')
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => null)))
  const real = await realpath(path).catch(() => null)
  if (!real) throw new Invalid(`This folder does not exist: ${path}`, 'path')
  if (!realRoots.some((root) => root && within(root, real)))
    throw new Invalid(`This folder is outside the allowed roots (${roots.join(', ')}): ${path}`, 'path')
  if (!(await stat(real)).isDirectory()) throw new Invalid(`This path is not a folder: ${path}`, 'path')
  return real
}

/** Adds a watched folder (the caller checked the team permission to manage documents and parsed the form). */
export async function addWatchedFolder(access: TeamAccess, data: WatchedFolderSettings, roots = watchedFolderRoots()) {
  const path = await allowedDirectory(data.path, roots)
  const [existing, count] = await Promise.all([
    prisma.watchedFolder.findFirst({ where: { teamId: access.team.id, path }, select: { id: true } }),
    prisma.watchedFolder.count({ where: { teamId: access.team.id } }),
  ])
  if (existing) throw new Conflict('This folder is already watched.', 'path')
  if (count >= MAX_FOLDERS_PER_TEAM)
    throw new Conflict(`A team can watch at most ${MAX_FOLDERS_PER_TEAM} folders.`, 'path')
  return prisma.watchedFolder.create({
    data: {
      teamId: access.team.id,
      path,
      fileTypes: data.fileTypes,
      recursive: data.recursive,
      autoProcess: data.autoProcess,
    },
    select: { id: true, path: true },
  })
}

async function teamFolder(access: TeamAccess, id: string) {
  const row = await prisma.watchedFolder.findFirst({
    where: { id, teamId: access.team.id },
    select: { id: true, path: true, enabled: true },
  })
  if (!row) throw new NotFound('This watched folder was not found in this team.')
  return row
}

export async function removeWatchedFolder(access: TeamAccess, id: string) {
  const row = await teamFolder(access, id)
  await prisma.watchedFolder.delete({ where: { id: row.id }, select: { id: true } })
  return row
}

export async function setWatchedFolderEnabled(access: TeamAccess, id: string, enabled: boolean) {
  const row = await teamFolder(access, id)
  await prisma.watchedFolder.update({ where: { id: row.id }, data: { enabled }, select: { id: true } })
  return row
}

/** "Scan now" on the documents page: scans one of the team's folders at once, unless it is paused. */
export async function scanTeamWatchedFolder(access: TeamAccess, id: string, roots = watchedFolderRoots()) {
  const row = await teamFolder(access, id)
  if (!row.enabled) throw new Conflict('This folder is paused: resume it to scan it.')
  return { path: row.path, summary: await scanWatchedFolder(row.id, new Date(), roots) }
}

async function* walk(dir: string, recursive: boolean): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    // Links are not followed: a link could lead out of the allowed root.
    if (entry.isDirectory() && recursive) yield* walk(path, recursive)
    else if (entry.isFile()) yield path
  }
}

export interface FolderScanSummary {
  seen: number
  unchanged: number
  queued: number
  skipped: number
  failed: number
}

/** Scans one folder: new or changed files (by mtime + size) are ingested; unchanged ones not read. */
export async function scanWatchedFolder(
  folderId: string,
  now = new Date(),
  roots = watchedFolderRoots(),
): Promise<FolderScanSummary> {
  const folder = await prisma.watchedFolder.findUnique({
    where: { id: folderId },
    select: { id: true, teamId: true, path: true, fileTypes: true, recursive: true },
  })
  const summary: FolderScanSummary = { seen: 0, unchanged: 0, queued: 0, skipped: 0, failed: 0 }
  if (!folder?.teamId) return summary
  // The roots may have changed since the folder was added: checked again at every scan.
  const dir = await allowedDirectory(folder.path, roots)
  const types = new Set(fileTypesOf(folder.fileTypes))
  const previous = await prisma.ingestionJob.findMany({
    where: { watchedFolderId: folder.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { source: true, metadata: true },
  })
  const recorded = new Map<string, string>()
  for (const job of previous) {
    const meta = (job.metadata ?? {}) as Record<string, unknown>
    if (typeof meta.fileStamp === 'string') recorded.set(job.source, meta.fileStamp)
  }
  for await (const path of walk(dir, folder.recursive)) {
    const extension = path.split('.').pop()?.toLowerCase() ?? ''
    if (!types.has(extension as WatchedFileType)) continue
    if (++summary.seen > MAX_FILES_PER_SCAN) break
    const rel = relative(dir, path)
    const source = `folder:${folder.id}/${rel}`
    try {
      const info = await stat(path)
      const fileStamp = `${info.mtimeMs}:${info.size}`
      if (recorded.get(source) === fileStamp) {
        summary.unchanged++
        continue
      }
      if (info.size > MAX_DOCUMENT_BYTES) {
        summary.skipped++
        continue
      }
      const bytes = new Uint8Array(await readFile(path))
      const parsed = await parseDocument(bytes, 'file')
      const started = await startIngestion(
        { teamId: folder.teamId, userId: null, type: 'file', source, monitoredUrlId: null, watchedFolderId: folder.id },
        { title: rel.replace(/\.[A-Za-z0-9]{1,5}$/, ''), bytes: bytes.byteLength, parsed, metadata: { fileStamp } },
      )
      if (started?.outcome === 'queued') summary.queued++
      else summary.unchanged++
    } catch (error) {
      summary.failed++
      log.warn('watched folder file failed', { watchedFolderId: folder.id, file: rel, error: String(error) })
    }
  }
  await prisma.watchedFolder.update({ where: { id: folder.id }, data: { lastScannedAt: now }, select: { id: true } })
  return summary
}

/** Scans every enabled folder set to process automatically (scheduled job `watched-folders:scan`); returns the folders scanned. */
export async function scanWatchedFolders(now = new Date(), roots = watchedFolderRoots()): Promise<number> {
  if (!roots.length) return 0
  const folders = await prisma.watchedFolder.findMany({
    where: { enabled: true, autoProcess: true, teamId: { not: null } },
    orderBy: [{ lastScannedAt: 'asc' }, { id: 'asc' }],
    take: 200,
    select: { id: true },
  })
  for (const folder of folders) {
    await scanWatchedFolder(folder.id, now, roots).catch((error: unknown) =>
      log.warn('watched folder scan failed', { watchedFolderId: folder.id, error: String(error) }),
    )
  }
  return folders.length
}
