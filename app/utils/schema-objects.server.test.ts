import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'

/**
 * The objects the init migration writes by hand (Prisma cannot express them):
 * FTS5 over document chunks, DiskANN vector indexes, and the one-owner rule.
 * Each test runs against this file's own freshly migrated SQLite database.
 */

function vector(seed: number): string {
  // A 384-d unit-ish vector as libSQL's vector() text literal.
  return `[${Array.from({ length: 384 }, (_, i) => Math.sin(seed * 0.37 + i * 0.11).toFixed(5)).join(',')}]`
}

async function documentWithChunks(contents: string[]) {
  return prisma.document.create({
    data: {
      title: 'Fractions handbook',
      content: contents.join('\n'),
      chunks: { create: contents.map((content, chunkIndex) => ({ chunkIndex, content })) },
    },
    select: { id: true, chunks: { select: { id: true, content: true }, orderBy: { chunkIndex: 'asc' } } },
  })
}

const ftsMatch = (query: string) =>
  prisma.$queryRawUnsafe<Array<{ chunkId: string }>>(
    'SELECT "chunkId" FROM "DocumentChunkFts" WHERE "DocumentChunkFts" MATCH ? ORDER BY rank',
    query,
  )

describe('full-text search over document chunks (FTS5 + triggers)', () => {
  it('indexes chunks on insert, follows updates and forgets deletes', async () => {
    const doc = await documentWithChunks([
      'Adding fractions needs a common denominator.',
      'Multiplying fractions multiplies numerators.',
    ])
    const [first, second] = doc.chunks
    expect((await ftsMatch('denominator')).map((r) => r.chunkId)).toEqual([first!.id])
    // Porter stemming: "multiply" finds "multiplies"/"multiplying".
    expect((await ftsMatch('multiply')).map((r) => r.chunkId)).toEqual([second!.id])

    await prisma.documentChunk.update({
      where: { id: first!.id },
      data: { content: 'Subtracting fractions also needs a shared denominator.' },
    })
    expect((await ftsMatch('adding')).length).toBe(0)
    expect((await ftsMatch('subtracting')).map((r) => r.chunkId)).toEqual([first!.id])

    await prisma.document.delete({ where: { id: doc.id } })
    expect((await ftsMatch('fractions')).length).toBe(0)
  })
})

describe('vector search over chunk embeddings (F32_BLOB + DiskANN)', () => {
  it('finds the nearest chunks with vector_top_k and drops embeddings with their chunk', async () => {
    const doc = await documentWithChunks(['one', 'two', 'three', 'four'])
    for (const [i, chunk] of doc.chunks.entries()) {
      await prisma.$executeRawUnsafe(
        'INSERT INTO "DocumentChunkEmbedding" ("chunkId", "embedding") VALUES (?, vector32(?))',
        chunk.id,
        vector(i * 10),
      )
    }
    const nearest = await prisma.$queryRawUnsafe<Array<{ chunkId: string }>>(
      `SELECT e."chunkId" FROM vector_top_k('DocumentChunkEmbedding_vector_idx', vector32(?), 2) AS k
       JOIN "DocumentChunkEmbedding" e ON e.rowid = k.id`,
      vector(20),
    )
    expect(nearest[0]?.chunkId).toBe(doc.chunks[2]!.id)
    expect(nearest).toHaveLength(2)

    await prisma.document.delete({ where: { id: doc.id } })
    const left = await prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(
      'SELECT count(*) AS n FROM "DocumentChunkEmbedding"',
    )
    expect(Number(left[0]?.n)).toBe(0)
  })
})

describe('one owner per team', () => {
  it('refuses a second owner, and allows a transfer that demotes the old owner first', async () => {
    const [ana, ben] = await Promise.all(
      ['ana', 'ben'].map((name) =>
        prisma.user.create({ data: { email: `${name}@owners.test` }, select: { id: true } }),
      ),
    )
    const team = await prisma.team.create({ data: { name: 'Owners' }, select: { id: true } })
    await prisma.teamMember.create({ data: { teamId: team.id, userId: ana!.id, role: 'owner' } })
    // RAISE() in a trigger is SQLITE_CONSTRAINT_TRIGGER (1811), which Prisma's libSQL
    // adapter reports as a foreign-key violation (P2003); the teams module checks first.
    await expect(
      prisma.teamMember.create({ data: { teamId: team.id, userId: ben!.id, role: 'owner' } }),
    ).rejects.toMatchObject({ code: 'P2003' })

    const benMember = await prisma.teamMember.create({ data: { teamId: team.id, userId: ben!.id, role: 'admin' } })
    await expect(
      prisma.teamMember.update({ where: { id: benMember.id }, data: { role: 'owner' } }),
    ).rejects.toMatchObject({ code: 'P2003' })
    expect(await prisma.teamMember.count({ where: { teamId: team.id, role: 'owner' } })).toBe(1)

    await prisma.teamMember.update({
      where: { teamId_userId: { teamId: team.id, userId: ana!.id } },
      data: { role: 'admin' },
    })
    await prisma.teamMember.update({ where: { id: benMember.id }, data: { role: 'owner' } })
    const owners = await prisma.teamMember.findMany({
      where: { teamId: team.id, role: 'owner' },
      select: { userId: true },
    })
    expect(owners).toEqual([{ userId: ben!.id }])
  })
})

describe('task attempts carry an idempotency key', () => {
  it('refuses a second attempt with the same attempt id', async () => {
    const user = await prisma.user.create({ data: { email: 'idem@attempts.test' }, select: { id: true } })
    const subject = await prisma.subject.create({ data: { slug: 'maths', title: 'Maths' }, select: { id: true } })
    const topic = await prisma.topicXpConfig.create({
      data: {
        slug: 'fractions',
        title: 'Fractions',
        subjectId: subject.id,
        levelThresholds: [100, 250],
        reviewIntervals: [1, 3, 7],
        tags: [],
      },
      select: { id: true },
    })
    const task = await prisma.task.create({
      data: {
        id: 'fractions-001',
        topicId: topic.id,
        kind: 'numeric',
        prompt: '1/2 + 1/4 = ?',
        answer: 0.75,
        concepts: ['adding-fractions'],
      },
      select: { id: true },
    })
    const attempt = {
      attemptId: '01IDEMPOTENT00000000000001',
      userId: user.id,
      taskId: task.id,
      topicId: topic.id,
      isCorrect: true,
      dayKey: '2026-11-23',
    }
    await prisma.userTaskAttempt.create({ data: attempt })
    await expect(prisma.userTaskAttempt.create({ data: { ...attempt, xpEarned: 99 } })).rejects.toMatchObject({
      code: 'P2002',
    })
    expect(await prisma.userTaskAttempt.count({ where: { attemptId: attempt.attemptId } })).toBe(1)
  })
})
