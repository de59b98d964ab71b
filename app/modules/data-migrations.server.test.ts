import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { DATA_MIGRATIONS } from './data-migrations.server'
import { type DataMigrationDefinition, dataMigrationStatus, runDataMigration } from './system/data-migrations.server'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('batch data migrations', () => {
  it('backfill Document.contentHash: interrupted after one batch, resumed from the cursor, finished once; a second run does nothing', async () => {
    const migration = DATA_MIGRATIONS.find((m) => m.name === '20261207_document_content_hash')!
    const already = await prisma.document.create({
      data: { title: 'hashed', content: 'kept as it is', contentHash: 'an-existing-hash' },
      select: { id: true },
    })
    for (let i = 0; i < 7; i++)
      await prisma.document.create({ data: { title: `doc ${i}`, content: `text number ${i}` } })
    const total = await prisma.document.count()

    let calls = 0
    const interrupted: DataMigrationDefinition = {
      ...migration,
      batch: (after, limit) => {
        calls++
        if (calls === 2) throw new Error('the process was stopped')
        return migration.batch(after, limit)
      },
    }
    await expect(runDataMigration(interrupted, { batchSize: 3 })).rejects.toThrow('the process was stopped')
    const [afterOne] = await dataMigrationStatus([migration])
    expect(afterOne).toMatchObject({ batches: 1, rowsDone: 3, completedAt: null })
    expect(await prisma.document.count({ where: { contentHash: null } })).toBeGreaterThan(0)

    const seen: number[] = []
    const reads: (string | null)[] = []
    const resumed: DataMigrationDefinition = {
      ...migration,
      batch: (after, limit) => {
        reads.push(after)
        return migration.batch(after, limit)
      },
    }
    const done = await runDataMigration(resumed, { batchSize: 3, onProgress: (p) => seen.push(p.rowsDone) })
    expect(done.outcome).toBe('completed')
    expect(reads[0]).toBe(afterOne!.cursor) // resumed after the stored key, not from the start
    expect(done.state.rowsDone).toBe(total)
    expect(seen.at(-1)).toBe(total)
    expect(done.state.completedAt).not.toBeNull()

    const docs = await prisma.document.findMany({ select: { id: true, content: true, contentHash: true } })
    for (const doc of docs)
      expect(doc.contentHash).toBe(doc.id === already.id ? 'an-existing-hash' : sha256(doc.content))

    let again = 0
    const twice = await runDataMigration({ ...migration, batch: (a, l) => (again++, migration.batch(a, l)) })
    expect(twice.outcome).toBe('already-done')
    expect(again).toBe(0)
  })

  it('of two runs at once, only one commits a batch', async () => {
    await prisma.document.create({ data: { title: 'race', content: 'race text' } })
    const migration: DataMigrationDefinition = {
      name: 'test_race',
      description: 'two runners',
      batch: async (after, limit) => {
        // The other runner moves the cursor while this one reads its batch.
        await prisma.dataMigration.update({ where: { name: 'test_race' }, data: { cursor: 'zzzz' } })
        return { statements: [], lastKey: after ?? 'a', rows: limit }
      },
    }
    await expect(runDataMigration(migration, { batchSize: 1 })).rejects.toThrow(/being run elsewhere/)
    expect(
      await prisma.dataMigration.findUniqueOrThrow({ where: { name: 'test_race' }, select: { batches: true } }),
    ).toEqual({
      batches: 0,
    })
  })
})
