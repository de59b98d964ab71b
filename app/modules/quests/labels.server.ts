import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'
import type { CategoryInput, TagInput } from './quest-input'

/**
 * A learner's own quest categories and tags, each with a colour. Names are unique per learner
 * (for tags also in the database); another learner's category or tag is not found.
 */
export async function listLabels(userId: string) {
  const [categories, tags] = await Promise.all([
    prisma.questCategory.findMany({
      where: { userId },
      select: { id: true, name: true, color: true, description: true, _count: { select: { quests: true } } },
      orderBy: { name: 'asc' },
    }),
    prisma.tag.findMany({
      where: { userId },
      select: { id: true, name: true, color: true, _count: { select: { quests: true } } },
      orderBy: { name: 'asc' },
    }),
  ])
  return {
    categories: categories.map(({ _count, ...c }) => ({ ...c, quests: _count.quests })),
    tags: tags.map(({ _count, ...t }) => ({ ...t, quests: _count.quests })),
  }
}

const isDuplicateTag = (error: unknown) =>
  error instanceof Error &&
  /UNIQUE constraint failed: Tag\.userId, Tag\.name/.test(`${error.message} ${String(error.cause ?? '')}`)

async function assertCategoryNameFree(userId: string, name: string, exceptId?: string) {
  const same = await prisma.questCategory.findFirst({
    where: { userId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  if (same) throw new Conflict(`You already have a category called "${name}".`, 'name')
}

export async function createCategory(userId: string, input: CategoryInput, now: Date): Promise<{ id: string }> {
  await assertCategoryNameFree(userId, input.name)
  const id = ulid(now.getTime())
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `INSERT INTO "QuestCategory" ("id", "name", "description", "color", "userId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [id, input.name, input.description, input.color, userId, at, at],
    },
  ])
  return { id }
}

export async function updateCategory(userId: string, categoryId: string, input: CategoryInput, now: Date) {
  await assertCategoryNameFree(userId, input.name, categoryId)
  const [result] = await writeBatch([
    {
      sql: `UPDATE "QuestCategory" SET "name" = ?, "description" = ?, "color" = ?, "updatedAt" = ? WHERE "id" = ? AND "userId" = ?`,
      args: [input.name, input.description, input.color, toDbTimestamp(now), categoryId, userId],
    },
  ])
  if (result!.rowsAffected !== 1) throw new NotFound('There is no such category.')
}

/** Deletes the category; its quests stay, without a category. */
export async function deleteCategory(userId: string, categoryId: string) {
  const [, result] = await writeBatch([
    {
      sql: `UPDATE "Quest" SET "categoryId" = NULL WHERE "categoryId" = ? AND "userId" = ?`,
      args: [categoryId, userId],
    },
    { sql: `DELETE FROM "QuestCategory" WHERE "id" = ? AND "userId" = ?`, args: [categoryId, userId] },
  ])
  if (result!.rowsAffected !== 1) throw new NotFound('There is no such category.')
}

export async function createTag(userId: string, input: TagInput, now: Date): Promise<{ id: string }> {
  const id = ulid(now.getTime())
  const at = toDbTimestamp(now)
  try {
    await writeBatch([
      {
        sql: `INSERT INTO "Tag" ("id", "userId", "name", "color", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
        args: [id, userId, input.name, input.color, at, at],
      },
    ])
  } catch (error) {
    if (isDuplicateTag(error)) throw new Conflict(`You already have a tag called "${input.name}".`, 'name')
    throw error
  }
  return { id }
}

export async function updateTag(userId: string, tagId: string, input: TagInput, now: Date) {
  let rows = 0
  try {
    const [result] = await writeBatch([
      {
        sql: `UPDATE "Tag" SET "name" = ?, "color" = ?, "updatedAt" = ? WHERE "id" = ? AND "userId" = ?`,
        args: [input.name, input.color, toDbTimestamp(now), tagId, userId],
      },
    ])
    rows = result!.rowsAffected
  } catch (error) {
    if (isDuplicateTag(error)) throw new Conflict(`You already have a tag called "${input.name}".`, 'name')
    throw error
  }
  if (rows !== 1) throw new NotFound('There is no such tag.')
}

/** Deletes the tag and takes it off its quests. */
export async function deleteTag(userId: string, tagId: string) {
  const [, result] = await writeBatch([
    {
      sql: `DELETE FROM "QuestTag" WHERE "tagId" = ? AND EXISTS (SELECT 1 FROM "Tag" WHERE "id" = ? AND "userId" = ?)`,
      args: [tagId, tagId, userId],
    },
    { sql: `DELETE FROM "Tag" WHERE "id" = ? AND "userId" = ?`, args: [tagId, userId] },
  ])
  if (result!.rowsAffected !== 1) throw new NotFound('There is no such tag.')
}
