import { describe, expect, it } from 'vitest'
import { prisma, toDbTimestamp, writeBatch } from './db.server'

const insert = (id: string, message: string) => ({
  sql: 'INSERT INTO "Feedback" (id, kind, message, createdAt) VALUES (?, ?, ?, ?)',
  args: [id, 'idea', message, toDbTimestamp(new Date('2026-01-02T03:04:05.678Z'))],
})

describe('writeBatch: several statements, one atomic round trip', () => {
  it('writes all statements, readable through Prisma on the same connection, in the one DateTime format', async () => {
    await writeBatch([
      insert('01WB00000000000000000000A1', 'first of two'),
      insert('01WB00000000000000000000A2', 'second of two'),
    ])
    const rows = await prisma.feedback.findMany({
      where: { id: { startsWith: '01WB' } },
      orderBy: { id: 'asc' },
      select: { message: true, createdAt: true },
    })
    expect(rows).toEqual([
      { message: 'first of two', createdAt: new Date('2026-01-02T03:04:05.678Z') },
      { message: 'second of two', createdAt: new Date('2026-01-02T03:04:05.678Z') },
    ])
    // Stored text, as raw SQL and Prisma both write it: one format for every writer.
    await prisma.feedback.create({
      data: {
        id: '01WB00000000000000000000A3',
        kind: 'idea',
        message: 'by Prisma',
        createdAt: new Date('2026-01-02T03:04:05.678Z'),
      },
    })
    const stored = await prisma.$queryRawUnsafe<Array<{ kind: string; text: string }>>(
      `SELECT typeof(createdAt) AS kind, createdAt || '' AS text FROM "Feedback" WHERE id IN ('01WB00000000000000000000A1', '01WB00000000000000000000A3') ORDER BY id`,
    )
    expect(stored).toEqual([
      { kind: 'text', text: '2026-01-02T03:04:05.678+00:00' },
      { kind: 'text', text: '2026-01-02T03:04:05.678+00:00' },
    ])
  })

  it('writes nothing when one statement fails', async () => {
    await expect(
      writeBatch([
        insert('01WB00000000000000000000B1', 'would be written'),
        insert('01WB00000000000000000000B1', 'duplicate id'),
      ]),
    ).rejects.toThrow(/UNIQUE/)
    expect(await prisma.feedback.count({ where: { id: '01WB00000000000000000000B1' } })).toBe(0)
  })
})
