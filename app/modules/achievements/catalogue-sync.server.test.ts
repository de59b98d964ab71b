import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { setLogSink } from '~/utils/log.server'
import { createUser } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { STARTUP_TASKS } from '../../../server/startup'
import { loadCatalogue, validEntries } from './catalogue-files.server'
import { achievementCatalogueSyncTask, formatCatalogueReport, syncAchievementCatalogue } from './catalogue-sync.server'

let root: string

const entry = (key: string, extra: object = {}) => ({
  key,
  name: `Name of ${key}`,
  description: `Do ${key}.`,
  icon: '🏆',
  xpReward: 10,
  criteria: { kind: 'total_xp', atLeast: 10 },
  ...extra,
})
function write(category: string, ...achievements: unknown[]) {
  writeFileSync(join(root, `${category}.json`), JSON.stringify({ category, achievements }, null, 2))
}
function writeStarter() {
  write('xp', entry('xp-10'), entry('xp-20', { criteria: { kind: 'total_xp', atLeast: 20 }, rarity: 'rare' }))
  write('seasonal', entry('winter', { season: { start: '12-20', end: '01-06' }, hidden: true }))
}
/** Later, so that any write would show in updatedAt. */
const syncLater = (minutes = 1) => syncAchievementCatalogue({ root, now: new Date(Date.now() + minutes * 60_000) })
const rows = () =>
  prisma.achievement.findMany({
    orderBy: { key: 'asc' },
    select: { key: true, name: true, rarity: true, retiredAt: true, updatedAt: true, isSeasonal: true },
  })

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'questlog-achievements-'))
  await prisma.userAchievement.deleteMany()
  await prisma.achievement.deleteMany()
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  setLogSink(null)
})

describe('syncAchievementCatalogue', () => {
  it('creates every entry with its fields, and a second sync writes nothing', async () => {
    writeStarter()
    const first = await syncAchievementCatalogue({ root })
    expect(first).toMatchObject({
      ok: true,
      created: ['winter', 'xp-10', 'xp-20'],
      updated: [],
      retired: [],
      unchanged: 0,
    })
    const winter = await prisma.achievement.findUniqueOrThrow({ where: { key: 'winter' } })
    expect(winter).toMatchObject({
      name: 'Name of winter',
      category: 'seasonal',
      rarity: 'common',
      icon: '🏆',
      xpReward: 10,
      unlockCriteria: { kind: 'total_xp', atLeast: 10 },
      isHidden: true,
      isSeasonal: true,
      seasonalStartDate: '12-20',
      seasonalEndDate: '01-06',
      retiredAt: null,
    })

    const before = await databaseSnapshot()
    const second = await syncLater()
    expect(second).toMatchObject({ ok: true, created: [], updated: [], restored: [], retired: [], unchanged: 3 })
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('updates only the entry that changed; the order of keys in a file does not matter', async () => {
    writeStarter()
    await syncAchievementCatalogue({ root })
    const before = await rows()
    write(
      'xp',
      {
        criteria: { atLeast: 10, kind: 'total_xp' },
        xpReward: 10,
        icon: '🏆',
        description: 'Do xp-10.',
        name: 'Name of xp-10',
        key: 'xp-10',
      },
      entry('xp-20', { criteria: { kind: 'total_xp', atLeast: 25 }, rarity: 'epic' }),
    )
    const report = await syncLater()
    expect(report).toMatchObject({ ok: true, created: [], updated: ['xp-20'], unchanged: 2 })
    const after = await rows()
    expect(after.find((r) => r.key === 'xp-10')).toEqual(before.find((r) => r.key === 'xp-10'))
    expect(after.find((r) => r.key === 'xp-20')).toMatchObject({ rarity: 'epic' })
    expect((await prisma.achievement.findUniqueOrThrow({ where: { key: 'xp-20' } })).unlockCriteria).toEqual({
      kind: 'total_xp',
      atLeast: 25,
    })
  })

  it('retires an entry removed from the files (keeping the row a learner holds) and restores it when it comes back', async () => {
    writeStarter()
    await syncAchievementCatalogue({ root })
    const user = await createUser()
    const xp20 = await prisma.achievement.findUniqueOrThrow({ where: { key: 'xp-20' }, select: { id: true } })
    await prisma.userAchievement.create({ data: { userId: user.id, achievementId: xp20.id, unlockedAt: new Date() } })

    write('xp', entry('xp-10'))
    unlinkSync(join(root, 'seasonal.json'))
    const removed = await syncLater()
    expect(removed).toMatchObject({ ok: true, retired: ['xp-20', 'winter'].sort(), unchanged: 1 })
    expect((await rows()).map((r) => [r.key, r.retiredAt !== null])).toEqual([
      ['winter', true],
      ['xp-10', false],
      ['xp-20', true],
    ])
    expect(await prisma.userAchievement.count({ where: { achievementId: xp20.id } })).toBe(1)
    expect((await syncLater(2)).retired).toEqual([])

    writeStarter()
    const back = await syncLater(3)
    expect(back).toMatchObject({ ok: true, restored: ['winter', 'xp-20'], retired: [], unchanged: 1 })
    expect((await rows()).every((r) => r.retiredAt === null)).toBe(true)
    expect((await prisma.achievement.findUniqueOrThrow({ where: { key: 'xp-20' }, select: { id: true } })).id).toBe(
      xp20.id,
    )
  })

  it('reports a broken file with file and field, leaves its category as it was, and still syncs the others', async () => {
    writeStarter()
    await syncAchievementCatalogue({ root })
    const before = await rows()
    write('xp', entry('xp-10', { rarity: 'mythic' }))
    write('streaks', entry('streak-3', { criteria: { kind: 'streak', streak: 'daily', atLeast: 3 } }))
    const report = await syncLater()
    expect(report.ok).toBe(false)
    expect(report.errors).toEqual([
      {
        file: join(root, 'xp.json'),
        path: 'achievements[0].rarity',
        message: 'must be "common", "rare", "epic" or "legendary"',
      },
    ])
    expect(report).toMatchObject({ created: ['streak-3'], retired: [], unchanged: 1 })
    const after = await rows()
    for (const key of ['xp-10', 'xp-20'])
      expect(after.find((r) => r.key === key)).toEqual(before.find((r) => r.key === key))
    expect(formatCatalogueReport(report)).toContain(
      `ERROR ${join(root, 'xp.json')}: achievements[0].rarity: must be "common", "rare", "epic" or "legendary"`,
    )
  })

  it('refuses a key that two files share, in both files', async () => {
    write('xp', entry('same'))
    write('streaks', entry('same'), entry('other'))
    writeFileSync(join(root, 'notes.txt'), 'not a catalogue file')
    const report = await syncAchievementCatalogue({ root })
    expect(report.errors.map((e) => [e.file, e.path])).toEqual([
      [join(root, 'streaks.json'), 'achievements[0].key'],
      [join(root, 'xp.json'), 'achievements[0].key'],
    ])
    expect(report.errors[0]!.message).toBe(`"same" is also in ${join(root, 'xp.json')}`)
    expect(await prisma.achievement.count()).toBe(0)
  })

  it('writes nothing without the folder (it would otherwise retire everything)', async () => {
    writeStarter()
    await syncAchievementCatalogue({ root })
    const before = await databaseSnapshot()
    const report = await syncAchievementCatalogue({ root: join(root, 'missing') })
    expect(report).toMatchObject({ ok: false, errors: [{ path: '', message: 'achievements folder not found' }] })
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('reports a file that is not JSON', async () => {
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, 'xp.json'), '{ "category": "xp",\n  "achievements": [ } ')
    const report = await syncAchievementCatalogue({ root })
    expect(report.errors[0]).toMatchObject({ file: join(root, 'xp.json'), path: '' })
    expect(report.errors[0]!.message).toMatch(/^is not valid JSON: /)
  })
})

describe('the catalogue sync at start-up', () => {
  it('is a startup task that syncs the real catalogue, and running it again writes nothing', async () => {
    expect(STARTUP_TASKS.map((t) => t.name)).toEqual(
      expect.arrayContaining(['content-sync', 'achievement-catalogue-sync']),
    )
    const logged: string[] = []
    setLogSink((_level, line) => void logged.push(line))
    const task = achievementCatalogueSyncTask()
    await task.run()
    const expected = validEntries(await loadCatalogue()).length
    expect(await prisma.achievement.count()).toBe(expected)
    const before = await databaseSnapshot()
    await task.run()
    expect(await databaseSnapshot()).toEqual(before)
    expect(logged.join('\n')).toContain('achievement catalogue synced')
  })
})
