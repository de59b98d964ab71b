import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { runIngestionQueue } from './jobs.server'
import { checkDueUrls } from './monitored-urls.server'
import { DEFAULT_FETCH_POLICY, isPrivateAddress, refusalOf } from './url-fetch.server'
import { sentences } from './testing/fixtures'

const MINUTE = 60_000
/** The page the loopback server serves, its ETag, and what it saw. */
let body = ''
let etag = '"v1"'
const seen: { ifNoneMatch: string | undefined }[] = []
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ ifNoneMatch: req.headers['if-none-match'] })
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag })
      res.end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/markdown', ETag: etag })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const policy = { ...DEFAULT_FETCH_POLICY, allowedHosts: ['127.0.0.1'] }

async function chunkTexts(documentId: string) {
  const chunks = await prisma.documentChunk.findMany({
    where: { documentId },
    orderBy: { chunkIndex: 'asc' },
    select: { id: true, content: true },
  })
  return chunks
}

describe('monitored URLs', () => {
  it('ingests on the first fetch, does nothing on a 304, and replaces the chunks when the page changed', async () => {
    const { team } = await teamWithEveryRole()
    const url = `${base}/guide.md`
    const row = await prisma.monitoredUrl.create({
      data: { teamId: team.id, url, checkInterval: 15 },
      select: { id: true },
    })
    body = `# Fractions\n\n${sentences(6)}\n`
    etag = '"v1"'
    const t0 = new Date()

    expect(await checkDueUrls(t0, policy)).toMatchObject({ checked: 1, queued: 1 })
    await runIngestionQueue(new Date(), { embedder: null })
    const doc = await prisma.document.findFirstOrThrow({
      where: { teamId: team.id, source: url },
      select: { id: true, status: true },
    })
    expect(doc.status).toBe('ready')
    const first = await chunkTexts(doc.id)
    expect(first.length).toBeGreaterThan(0)
    expect((await prisma.monitoredUrl.findUniqueOrThrow({ where: { id: row.id } })).etag).toBe('"v1"')

    // not due yet: not fetched at all
    const before = seen.length
    expect(await checkDueUrls(new Date(t0.getTime() + 5 * MINUTE), policy)).toMatchObject({ checked: 0 })
    expect(seen.length).toBe(before)

    // due: a conditional GET, answered 304 → only lastChecked moves
    const t1 = new Date(t0.getTime() + 16 * MINUTE)
    expect(await checkDueUrls(t1, policy)).toMatchObject({ checked: 1, notModified: 1, queued: 0 })
    expect(seen.at(-1)?.ifNoneMatch).toBe('"v1"')
    expect(await prisma.ingestionJob.count({ where: { monitoredUrlId: row.id } })).toBe(1)
    expect(await chunkTexts(doc.id)).toEqual(first)
    expect((await prisma.monitoredUrl.findUniqueOrThrow({ where: { id: row.id } })).lastChecked).toEqual(t1)

    // the page changed: a new job, and the chunks replaced
    body = `# Decimals\n\n${sentences(5, 'decimals')}\n`
    etag = '"v2"'
    const t2 = new Date(t1.getTime() + 16 * MINUTE)
    expect(await checkDueUrls(t2, policy)).toMatchObject({ checked: 1, queued: 1 })
    await runIngestionQueue(new Date(), { embedder: null })
    const after = await chunkTexts(doc.id)
    expect(after.map((c) => c.content).join(' ')).toContain('decimals')
    expect(after.map((c) => c.content).join(' ')).not.toContain('Fractions')
    expect(await prisma.ingestionJob.count({ where: { monitoredUrlId: row.id, type: 'url' } })).toBe(2)
  })

  it('refuses a loopback address unless the allow-list names it, and non-http schemes', async () => {
    const { team } = await teamWithEveryRole()
    const url = `${base}/secret.md`
    await prisma.monitoredUrl.updateMany({ data: { enabled: false } })
    await prisma.monitoredUrl.create({ data: { teamId: team.id, url }, select: { id: true } })
    body = `# Secret\n\n${sentences(3)}\n`
    const before = seen.length
    expect(await checkDueUrls(new Date(), { ...DEFAULT_FETCH_POLICY, allowedHosts: [] })).toMatchObject({
      checked: 1,
      failed: 1,
      queued: 0,
    })
    expect(seen.length).toBe(before)
    expect(await refusalOf(new URL('file:///etc/passwd'), ['127.0.0.1'])).toMatch(/http/)
    expect(await refusalOf(new URL(url), ['127.0.0.1'])).toBeNull()
  })

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['2001:4860:4860::8888', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected)
  })
})
