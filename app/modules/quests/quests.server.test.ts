import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { createCategory, createTag, deleteCategory, deleteTag, listLabels, updateTag } from './labels.server'
import { QuestCreate, QuestEdit } from './quest-input'
import { moveQuest } from './quest-moves.server'
import {
  addDependency,
  addStep,
  listQuests,
  moveStep,
  questDetail,
  removeDependency,
  removeStep,
  tickStep,
  updateQuest,
} from './quests.server'
import { T0, at, newQuest, startedQuest } from './testing/fixtures'

const titles = async (questId: string) =>
  (
    await prisma.questStep.findMany({ where: { questId }, orderBy: { orderIndex: 'asc' }, select: { title: true } })
  ).map((s) => s.title)

describe('creating and editing a quest', () => {
  it('stores the fields, steps in order, tags, category and a behaviour log row in one go', async () => {
    const user = await createUser()
    const category = await createCategory(user.id, { name: 'School', color: '#112233', description: null }, T0)
    const tag = await createTag(user.id, { name: 'maths', color: '#AABBCC' }, T0)
    const quest = await newQuest(user.id, {
      title: '  Fractions week ',
      description: 'All of them',
      steps: 'Read chapter 1\n\n  Do exercises  \nAsk a question',
      categoryId: category.id,
      tagIds: tag.id,
    })
    const row = await prisma.quest.findUniqueOrThrow({ where: { id: quest.id }, include: { tags: true } })
    expect(row).toMatchObject({
      title: 'Fractions week',
      description: 'All of them',
      status: 'active',
      source: 'user',
      categoryId: category.id,
      experiencePoints: 0,
      estimatedDuration: 30,
    })
    expect(row.tags.map((t) => t.tagId)).toEqual([tag.id])
    expect(await titles(quest.id)).toEqual(['Read chapter 1', 'Do exercises', 'Ask a question'])
    const log = await prisma.userBehaviorLog.findMany({ where: { userId: user.id } })
    expect(log.map((l) => l.actionType)).toEqual(['quest.created'])
  })

  it('keeps a draft a draft', async () => {
    const user = await createUser()
    const quest = await newQuest(user.id, { draft: 'on' })
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).status).toBe('draft')
  })

  it('refuses another learner’s category or tag, naming the field', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const theirs = await createCategory(other.id, { name: 'Theirs', color: '#000000', description: null }, T0)
    const theirTag = await createTag(other.id, { name: 'theirs', color: '#000000' }, T0)
    await expect(newQuest(me.id, { categoryId: theirs.id })).rejects.toMatchObject({ field: 'categoryId' })
    await expect(newQuest(me.id, { tagIds: theirTag.id })).rejects.toBeInstanceOf(Invalid)
    expect(await prisma.quest.count({ where: { userId: me.id } })).toBe(0)
  })

  it('validates the input: title ≤ 120, description ≤ 2000, minutes 1–1440, colours', () => {
    const base = { title: 'x', difficulty: 'easy', priority: 'low', estimatedDuration: '1' }
    expect(QuestCreate.safeParse(base).success).toBe(true)
    expect(QuestCreate.safeParse({ ...base, title: 'x'.repeat(121) }).success).toBe(false)
    expect(QuestCreate.safeParse({ ...base, description: 'x'.repeat(2001) }).success).toBe(false)
    expect(QuestCreate.safeParse({ ...base, estimatedDuration: '0' }).success).toBe(false)
    expect(QuestCreate.safeParse({ ...base, estimatedDuration: '1441' }).success).toBe(false)
    expect(QuestCreate.safeParse({ ...base, estimatedDuration: 1440 }).success).toBe(true)
    expect(QuestCreate.safeParse({ ...base, difficulty: 'EPIC' }).success).toBe(false)
    expect(QuestCreate.safeParse({ ...base, priority: 'critical' }).success).toBe(false)
    // the form's learning-goal fields become one more step
    const withGoal = QuestCreate.parse({ ...base, steps: 'a', goalKind: 'clear_reviews', goalTitle: 'Reviews' })
    expect(withGoal.steps).toEqual([
      { title: 'a', goal: null },
      { title: 'Reviews', goal: { kind: 'clear_reviews' } },
    ])
  })

  it('edits an open quest, not a completed or another learner’s one', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const quest = await newQuest(me.id)
    const edit = QuestEdit.parse({ title: 'Renamed', difficulty: 'hard', priority: 'urgent', estimatedDuration: '90' })
    await updateQuest(me.id, quest.id, edit, at(1))
    expect(await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).toMatchObject({
      title: 'Renamed',
      difficulty: 'hard',
      priority: 'urgent',
      estimatedDuration: 90,
    })
    await expect(updateQuest(other.id, quest.id, edit, at(2))).rejects.toBeInstanceOf(NotFound)
    await moveQuest(me.id, quest.id, 'start', at(3))
    await moveQuest(me.id, quest.id, 'complete', at(4))
    await expect(updateQuest(me.id, quest.id, edit, at(5))).rejects.toBeInstanceOf(Conflict)
  })
})

describe('steps', () => {
  it('are added, reordered with up and down, and removed', async () => {
    const user = await createUser()
    const quest = await newQuest(user.id, { steps: 'A\nB\nC' })
    await addStep(user.id, quest.id, { title: 'D', goal: null }, at(1))
    const ids = (await prisma.questStep.findMany({ where: { questId: quest.id }, orderBy: { orderIndex: 'asc' } })).map(
      (s) => s.id,
    )
    await moveStep(user.id, quest.id, ids[2]!, 'up', at(2))
    expect(await titles(quest.id)).toEqual(['A', 'C', 'B', 'D'])
    await moveStep(user.id, quest.id, ids[0]!, 'down', at(3))
    expect(await titles(quest.id)).toEqual(['C', 'A', 'B', 'D'])
    await moveStep(user.id, quest.id, ids[3]!, 'down', at(4)) // already last: stays
    expect(await titles(quest.id)).toEqual(['C', 'A', 'B', 'D'])
    await removeStep(user.id, quest.id, ids[1]!)
    expect(await titles(quest.id)).toEqual(['C', 'A', 'D'])
  })

  it('are ticked by hand only while the quest is in progress, never a learning step, never another learner’s', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const quest = await newQuest(me.id, { steps: 'A', goalKind: 'clear_reviews' })
    const [manual, learning] = await prisma.questStep.findMany({
      where: { questId: quest.id },
      orderBy: { orderIndex: 'asc' },
    })
    await expect(tickStep(me.id, quest.id, manual!.id, true, at(1))).rejects.toThrow('Start the quest')
    await moveQuest(me.id, quest.id, 'start', at(1))
    await tickStep(me.id, quest.id, manual!.id, true, at(2))
    expect(await prisma.questStep.findUniqueOrThrow({ where: { id: manual!.id } })).toMatchObject({
      completed: true,
      completedAt: at(2),
    })
    await expect(tickStep(me.id, quest.id, learning!.id, true, at(3))).rejects.toThrow('learning step')
    await expect(tickStep(other.id, quest.id, manual!.id, false, at(3))).rejects.toBeInstanceOf(NotFound)
    await tickStep(me.id, quest.id, manual!.id, false, at(4))
    expect((await prisma.questStep.findUniqueOrThrow({ where: { id: manual!.id } })).completed).toBe(false)
  })

  it('of another learner’s quest cannot be added, moved or removed', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const quest = await newQuest(me.id, { steps: 'A\nB' })
    const step = await prisma.questStep.findFirstOrThrow({ where: { questId: quest.id } })
    await expect(addStep(other.id, quest.id, { title: 'X', goal: null }, T0)).rejects.toBeInstanceOf(NotFound)
    await expect(moveStep(other.id, quest.id, step.id, 'down', T0)).rejects.toBeInstanceOf(NotFound)
    await expect(removeStep(other.id, quest.id, step.id)).rejects.toBeInstanceOf(NotFound)
    expect(await titles(quest.id)).toEqual(['A', 'B'])
  })

  it('of a learning goal need a topic that exists', async () => {
    const user = await createUser()
    await expect(
      newQuest(user.id, { goalKind: 'answer_tasks', goalTopicId: 'no-such-topic', goalCount: '3' }),
    ).rejects.toMatchObject({ field: 'goal' })
  })
})

describe('dependencies', () => {
  it('block the start until a sequential prerequisite is completed; resource ones do not', async () => {
    const user = await createUser()
    const first = await newQuest(user.id, { title: 'First' })
    const second = await newQuest(user.id, { title: 'Second' })
    const third = await newQuest(user.id, { title: 'Third' })
    await addDependency(user.id, second.id, first.id, 'sequential', T0)
    await addDependency(user.id, third.id, first.id, 'resource', T0)
    await expect(moveQuest(user.id, second.id, 'start', at(1))).rejects.toThrow(
      'This quest needs this quest completed first: "First".',
    )
    await moveQuest(user.id, third.id, 'start', at(1))
    await moveQuest(user.id, first.id, 'start', at(1))
    await moveQuest(user.id, first.id, 'complete', at(2))
    expect((await moveQuest(user.id, second.id, 'start', at(3))).status).toBe('in_progress')
  })

  it('refuse a loop, naming it with the titles', async () => {
    const user = await createUser()
    const a = await newQuest(user.id, { title: 'A' })
    const b = await newQuest(user.id, { title: 'B' })
    const c = await newQuest(user.id, { title: 'C' })
    await addDependency(user.id, a.id, b.id, 'sequential', T0)
    await addDependency(user.id, b.id, c.id, 'time', T0)
    const refused = addDependency(user.id, c.id, a.id, 'sequential', T0)
    await expect(refused).rejects.toBeInstanceOf(Conflict)
    await expect(refused).rejects.toThrow('This would make a loop of quests that wait for each other: C → A → B → C.')
    await expect(addDependency(user.id, a.id, a.id, 'sequential', T0)).rejects.toThrow('cannot depend on itself')
    await expect(addDependency(user.id, a.id, b.id, 'sequential', T0)).rejects.toThrow('already depends')
    expect(await prisma.questDependency.count({ where: { dependentQuest: { userId: user.id } } })).toBe(2)
  })

  it('refuse a loop made by concurrent additions', async () => {
    const user = await createUser()
    const a = await newQuest(user.id, { title: 'A' })
    const b = await newQuest(user.id, { title: 'B' })
    const results = await Promise.allSettled([
      addDependency(user.id, a.id, b.id, 'sequential', T0),
      addDependency(user.id, b.id, a.id, 'sequential', T0),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await prisma.questDependency.count({ where: { dependentQuest: { userId: user.id } } })).toBe(1)
  })

  it('only between the learner’s own quests; removed by their id', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const mine = await newQuest(me.id, { title: 'Mine' })
    const also = await newQuest(me.id, { title: 'Also mine' })
    const theirs = await newQuest(other.id, { title: 'Theirs' })
    await expect(addDependency(me.id, mine.id, theirs.id, 'sequential', T0)).rejects.toBeInstanceOf(NotFound)
    await expect(addDependency(other.id, mine.id, theirs.id, 'sequential', T0)).rejects.toBeInstanceOf(NotFound)
    await addDependency(me.id, mine.id, also.id, 'sequential', T0)
    const dependency = await prisma.questDependency.findFirstOrThrow({ where: { dependentQuestId: mine.id } })
    await expect(removeDependency(other.id, mine.id, dependency.id)).rejects.toBeInstanceOf(NotFound)
    await removeDependency(me.id, mine.id, dependency.id)
    expect(await prisma.questDependency.count({ where: { dependentQuestId: mine.id } })).toBe(0)
  })
})

describe('reading quests', () => {
  it('lists the learner’s own quests under the filters, never another learner’s', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const tag = await createTag(me.id, { name: 'focus', color: '#123456' }, T0)
    const urgent = await newQuest(me.id, { title: 'Urgent', priority: 'urgent', tagIds: tag.id })
    const low = await newQuest(me.id, { title: 'Low', priority: 'low' })
    const started = await startedQuest(me.id, { title: 'Started' })
    await newQuest(other.id, { title: 'Not mine' })
    const all = await listQuests(me.id)
    expect(all.own.map((q) => q.title)).toEqual(['Urgent', 'Started', 'Low'])
    expect(all.assigned).toEqual([])
    expect((await listQuests(me.id, { status: 'in_progress' })).own.map((q) => q.id)).toEqual([started.id])
    expect((await listQuests(me.id, { tagId: tag.id })).own.map((q) => q.id)).toEqual([urgent.id])
    expect((await listQuests(me.id, { priority: 'low' })).own.map((q) => q.id)).toEqual([low.id])
    await moveQuest(me.id, low.id, 'archive', at(1))
    expect((await listQuests(me.id)).own.map((q) => q.id)).not.toContain(low.id)
    expect((await listQuests(me.id, { status: 'archived' })).own.map((q) => q.id)).toEqual([low.id])
  })

  it('shows one quest with its steps, goals, moves and dependencies to its learner only', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const before = await newQuest(me.id, { title: 'Before' })
    const quest = await newQuest(me.id, { title: 'Main', steps: 'One', goalKind: 'clear_reviews' })
    await addDependency(me.id, quest.id, before.id, 'sequential', T0)
    const detail = await questDetail(me.id, quest.id)
    expect(detail.steps.map((s) => [s.title, s.goal])).toEqual([
      ['One', null],
      ['Learning goal', 'Clear the review queue'],
    ])
    expect(detail.moves).toEqual(['start', 'archive'])
    expect(detail.prerequisites.map((p) => p.quest.title)).toEqual(['Before'])
    expect(detail.dependencyCandidates).toEqual([])
    expect(detail.editable).toBe(true)
    await expect(questDetail(other.id, quest.id)).rejects.toBeInstanceOf(NotFound)
  })
})

describe('categories and tags', () => {
  it('belong to one learner, have unique names, and leave their quests when deleted', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const category = await createCategory(me.id, { name: 'Work', color: '#FF0000', description: 'Job' }, T0)
    await expect(
      createCategory(me.id, { name: 'Work', color: '#00FF00', description: null }, T0),
    ).rejects.toMatchObject({
      status: 409,
      field: 'name',
    })
    const tag = await createTag(me.id, { name: 'deep', color: '#00FF00' }, T0)
    await expect(createTag(me.id, { name: 'deep', color: '#00FF00' }, T0)).rejects.toBeInstanceOf(Conflict)
    await createTag(other.id, { name: 'deep', color: '#00FF00' }, T0)
    await expect(updateTag(other.id, tag.id, { name: 'mine now', color: '#000000' }, T0)).rejects.toBeInstanceOf(
      NotFound,
    )
    await expect(deleteCategory(other.id, category.id)).rejects.toBeInstanceOf(NotFound)
    const quest = await newQuest(me.id, { categoryId: category.id, tagIds: tag.id })
    expect(await listLabels(me.id)).toMatchObject({
      categories: [{ name: 'Work', color: '#FF0000', quests: 1 }],
      tags: [{ name: 'deep', quests: 1 }],
    })
    await deleteCategory(me.id, category.id)
    await deleteTag(me.id, tag.id)
    expect(await prisma.quest.findUniqueOrThrow({ where: { id: quest.id }, include: { tags: true } })).toMatchObject({
      categoryId: null,
      tags: [],
    })
  })
})

describe('a quest assigned by a team', () => {
  it('cannot be changed by the member (only worked on)', async () => {
    const user = await createUser()
    const quest = await newQuest(user.id)
    await prisma.quest.update({ where: { id: quest.id }, data: { source: 'team' } })
    const edit = QuestEdit.parse({ title: 'Mine', difficulty: 'epic', priority: 'low', estimatedDuration: '5' })
    await expect(updateQuest(user.id, quest.id, edit, T0)).rejects.toBeInstanceOf(Forbidden)
    await expect(addStep(user.id, quest.id, { title: 'Easy', goal: null }, T0)).rejects.toBeInstanceOf(Forbidden)
  })
})
