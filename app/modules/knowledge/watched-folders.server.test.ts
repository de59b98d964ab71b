import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sessionUserOf } from '#tests/support/accounts'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { canManageDocuments } from './ingestion.server'
import { runIngestionQueue } from './jobs.server'
import { sentences } from './testing/fixtures'
import {
  addWatchedFolder,
  listWatchedFolders,
  removeWatchedFolder,
  scanWatchedFolder,
  scanWatchedFolders,
} from './watched-folders.server'

const base = mkdtempSync(join(tmpdir(), 'questlog-watched-'))
const root = join(base, 'root')
const outside = join(base, 'outside')
mkdirSync(join(root, 'guides', 'nested'), { recursive: true })
mkdirSync(outside)
afterAll(() => rmSync(base, { recursive: true, force: true }))
const roots = [root]
const input = (path: string) => ({
  path,
  fileTypes: ['md' as const, 'txt' as const],
  recursive: true,
  autoProcess: true,
})

async function managers() {
  const { team, owner, member } = await teamWithEveryRole()
  return { team, access: await canManageDocuments(await sessionUserOf(owner.id), team.id), member }
}

describe('watched folders', () => {
  it('refuses a folder outside the allowed roots, naming it, and writes nothing', async () => {
    const { team, access } = await managers()
    await expect(addWatchedFolder(access, input(outside), roots)).rejects.toMatchObject({
      status: 400,
      field: 'path',
      message: expect.stringContaining(outside),
    })
    // a path that climbs out of the root by ".." resolves outside it too
    await expect(addWatchedFolder(access, input(join(root, '..', 'outside')), roots)).rejects.toMatchObject({
      status: 400,
    })
    await expect(addWatchedFolder(access, input(join(root, 'missing')), roots)).rejects.toMatchObject({ status: 400 })
    await expect(addWatchedFolder(access, input(join(root, 'guides')), [])).rejects.toMatchObject({ status: 400 })
    expect(await prisma.watchedFolder.count({ where: { teamId: team.id } })).toBe(0)
  })

  it('ingests new files on the first scan, nothing on the second, and a changed file again', async () => {
    const { team, access } = await managers()
    const dir = join(root, 'guides')
    writeFileSync(join(dir, 'one.md'), `# One\n\n${sentences(5, 'halves')}\n`)
    writeFileSync(join(dir, 'nested', 'two.txt'), sentences(5, 'thirds'))
    writeFileSync(join(dir, 'ignored.csv'), 'a,b\n1,2\n')
    const folder = await addWatchedFolder(access, input(dir), roots)

    expect(await scanWatchedFolder(folder.id, new Date(), roots)).toMatchObject({ seen: 2, queued: 2 })
    await runIngestionQueue(new Date(), { embedder: null })
    const docs = await prisma.document.findMany({
      where: { teamId: team.id },
      orderBy: { source: 'asc' },
      select: { source: true, status: true },
    })
    expect(docs).toEqual([
      { source: `folder:${folder.id}/nested/two.txt`, status: 'ready' },
      { source: `folder:${folder.id}/one.md`, status: 'ready' },
    ])
    expect(await prisma.ingestionJob.count({ where: { watchedFolderId: folder.id } })).toBe(2)

    expect(await scanWatchedFolder(folder.id, new Date(), roots)).toMatchObject({ seen: 2, unchanged: 2, queued: 0 })
    expect(await prisma.ingestionJob.count({ where: { watchedFolderId: folder.id } })).toBe(2)

    writeFileSync(join(dir, 'one.md'), `# One\n\n${sentences(7, 'quarters')}\n`)
    utimesSync(join(dir, 'one.md'), new Date(), new Date(Date.now() + 60_000))
    expect(await scanWatchedFolder(folder.id, new Date(), roots)).toMatchObject({ queued: 1, unchanged: 1 })
    await runIngestionQueue(new Date(), { embedder: null })
    const one = await prisma.document.findFirstOrThrow({
      where: { teamId: team.id, source: `folder:${folder.id}/one.md` },
      select: { content: true, status: true },
    })
    expect(one.status).toBe('ready')
    expect(one.content).toContain('quarters')

    // the scheduled scan covers it as well, and finds nothing new
    expect(await scanWatchedFolders(new Date(), roots)).toBeGreaterThanOrEqual(1)
    expect(await prisma.ingestionJob.count({ where: { watchedFolderId: folder.id } })).toBe(3)
  })

  it('another team neither sees nor removes the folder', async () => {
    const { access } = await managers()
    const other = await managers()
    mkdirSync(join(root, 'private'), { recursive: true })
    const folder = await addWatchedFolder(access, input(join(root, 'private')), roots)
    expect(await listWatchedFolders(other.access)).toEqual([])
    await expect(removeWatchedFolder(other.access, folder.id)).rejects.toMatchObject({ status: 404 })
    expect(await listWatchedFolders(access)).toHaveLength(1)
    await removeWatchedFolder(access, folder.id)
    expect(await listWatchedFolders(access)).toEqual([])
  })
})
