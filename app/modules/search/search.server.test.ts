import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { type SearchHit, search } from './search.server'

const tag = () => randomUUID().slice(0, 8)
const plain = (segments: SearchHit['title']) => segments.map((s) => s.text).join('')
const marked = (segments: SearchHit['title']) => segments.filter((s) => s.marked).map((s) => s.text)

async function topic(title: string, description: string, options: { active?: boolean } = {}) {
  const t = tag()
  const subject = await prisma.subject.create({ data: { slug: `s-${t}`, title: `Subject ${t}` }, select: { id: true } })
  return prisma.topicXpConfig.create({
    data: {
      slug: `t-${t}`,
      title,
      description,
      subjectId: subject.id,
      active: options.active ?? true,
      levelThresholds: [0, 100],
      reviewIntervals: [1, 3],
      tags: [],
    },
    select: { id: true, slug: true },
  })
}

async function task(topicId: string, prompt: string, ownerId: string | null = null) {
  return prisma.task.create({
    data: { id: `task-${tag()}`, topicId, kind: 'numeric', prompt, answer: 1, concepts: [], ownerId },
    select: { id: true },
  })
}

async function attempt(userId: string, taskId: string, topicId: string) {
  await prisma.userTaskAttempt.create({
    data: { attemptId: randomUUID(), userId, taskId, topicId, isCorrect: true, dayKey: '2026-12-07' },
  })
}

async function teamWith(userId: string | null) {
  const team = await prisma.team.create({ data: { name: `Team ${tag()}` }, select: { id: true } })
  if (userId) await prisma.teamMember.create({ data: { teamId: team.id, userId, role: 'member' } })
  return team
}

const quest = (userId: string, title: string, description: string | null = null, teamId: string | null = null) =>
  prisma.quest.create({ data: { userId, title, description, estimatedDuration: 30, teamId }, select: { id: true } })

const nugget = (
  teamId: string | null,
  title: string,
  content: string,
  { status = 'ready', published = true }: { status?: 'ready' | 'processing'; published?: boolean } = {},
) =>
  prisma.nugget.create({
    data: { teamId, title, content, status, metadata: published ? { publishedAt: new Date().toISOString() } : {} },
    select: { id: true },
  })

const documentOf = (teamId: string | null, title: string, chunks: string[] = []) =>
  prisma.document.create({
    data: {
      teamId,
      title,
      content: chunks.join('\n'),
      status: 'ready',
      chunks: { create: chunks.map((content, chunkIndex) => ({ chunkIndex, content })) },
    },
    select: { id: true },
  })

describe('search: matching and ranking', () => {
  it('ranks a title match above a body match, highlighting the matched words', async () => {
    const user = await createUser()
    const body = await topic('Garden planning', 'Each heliotrope needs sun.')
    const title = await topic('Heliotrope basics', 'Flowers that follow the sun.')
    const results = await search(user.id, 'heliotrope')
    expect(results!.topics.hits.map((h) => h.id)).toEqual([title.id, body.id])
    expect(marked(results!.topics.hits[0]!.title)).toEqual(['Heliotrope'])
    expect(marked(results!.topics.hits[1]!.snippet)).toEqual(['heliotrope'])
    expect(results!.topics.hits[0]!.href).toMatch(/^\/learn\/s-.+\/t-.+$/)
  })

  it('matches a prefix of the last word: "frac" finds fractions', async () => {
    const user = await createUser()
    const t = await topic('Fractionsville tour', 'Halves and quarters.')
    const results = await search(user.id, 'fractionsv')
    expect(results!.topics.hits.map((h) => h.id)).toEqual([t.id])
    const short = await search(user.id, 'frac')
    expect(short!.topics.hits.map((h) => h.id)).toContain(t.id)
  })

  it('folds diacritics both ways: "resume" finds "résumé", "résumé" finds "resume"', async () => {
    const user = await createUser()
    const accented = await topic('Résumé writing', 'Write a clear one.')
    const unaccented = await topic('Cover letters', 'Send one with the resume.')
    expect((await search(user.id, 'resume'))!.topics.hits.map((h) => h.id)).toEqual([accented.id, unaccented.id])
    expect((await search(user.id, 'RÉSUMÉ'))!.topics.hits.map((h) => h.id)).toEqual([accented.id, unaccented.id])
  })

  it('treats FTS5 syntax as plain words: quotes, stars, NEAR, minus, column filters', async () => {
    const user = await createUser()
    // Every word of the queries below is in the topic: an operator taken as a word still matches.
    const t = await topic('Quokka near water', 'Title: the quokka - not a rodent or a cat.')
    for (const text of [
      '"quokka',
      'quokka*',
      'quokka NEAR water',
      '-quokka',
      'title:quokka',
      'quokka OR',
      'NOT quokka',
      '(quokka',
    ]) {
      const results = await search(user.id, text)
      expect(
        results!.topics.hits.map((h) => h.id),
        text,
      ).toEqual([t.id])
    }
    expect(await search(user.id, '"* - :')).toBeNull()
  })

  it('keeps the index in step when rows change or go', async () => {
    const user = await createUser()
    const t = await topic('Zeppelin history', 'Airships.')
    await prisma.topicXpConfig.update({ where: { id: t.id }, data: { title: 'Dirigible history' } })
    expect((await search(user.id, 'zeppelin'))!.topics.hits).toEqual([])
    expect((await search(user.id, 'dirigible'))!.topics.hits.map((h) => h.id)).toEqual([t.id])

    const q = await quest(user.id, 'Read about blimps')
    await prisma.quest.update({ where: { id: q.id }, data: { description: 'Then the zeppelin museum' } })
    expect((await search(user.id, 'zeppelin'))!.quests.hits.map((h) => h.id)).toEqual([q.id])
    await prisma.quest.delete({ where: { id: q.id } })
    expect((await search(user.id, 'blimps'))!.quests.hits).toEqual([])

    const n = await nugget(null, 'Gondola facts', 'Hangs under the hull.')
    await prisma.nugget.update({ where: { id: n.id }, data: { content: 'Hangs under the envelope.' } })
    expect((await search(user.id, 'hull'))!.nuggets.hits).toEqual([])
    expect((await search(user.id, 'envelope'))!.nuggets.hits.map((h) => h.id)).toEqual([n.id])
    await prisma.nugget.delete({ where: { id: n.id } })
    expect((await search(user.id, 'gondola'))!.nuggets.hits).toEqual([])

    const d = await documentOf(null, 'Hindenburg report', ['Hydrogen was the lifting gas.'])
    await prisma.document.update({ where: { id: d.id }, data: { title: 'Airship report' } })
    expect((await search(user.id, 'hindenburg'))!.documents.hits).toEqual([])
    expect((await search(user.id, 'airship report'))!.documents.hits.map((h) => h.id)).toEqual([d.id])
    await prisma.document.delete({ where: { id: d.id } })
    expect((await search(user.id, 'hydrogen'))!.documents.hits).toEqual([])

    const k = await task(t.id, 'How long was the Graf airship?')
    await attempt(user.id, k.id, t.id)
    await prisma.task.update({ where: { id: k.id }, data: { prompt: 'How fast was the Graf airship?' } })
    expect((await search(user.id, 'long graf'))!.tasks.hits).toEqual([])
    expect((await search(user.id, 'fast graf'))!.tasks.hits.map((h) => h.id)).toEqual([k.id])
  })

  it('limits each kind and says when there is more', async () => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) await quest(user.id, `Wombat walk ${i}`)
    const results = await search(user.id, 'wombat', { perKind: 3 })
    expect(results!.quests.hits).toHaveLength(3)
    expect(results!.quests.more).toBe(true)
    const quests = await search(user.id, 'wombat', { kind: 'quests', perKind: 10 })
    expect(quests!.quests).toMatchObject({ more: false })
    expect(quests!.quests.hits).toHaveLength(4)
  })
})

describe('search: scoped to who asks', () => {
  it('topics: only published ones', async () => {
    const user = await createUser()
    const live = await topic('Narwhal tusks', 'Teeth.')
    await topic('Narwhal draft', 'Not yet.', { active: false })
    expect((await search(user.id, 'narwhal'))!.topics.hits.map((h) => h.id)).toEqual([live.id])
  })

  it('tasks: only those the learner attempted, never another learner’s own', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const t = await topic('Tasks topic', 'x')
    const seen = await task(t.id, 'Count the okapi stripes')
    const unseen = await task(t.id, 'Name the okapi habitat')
    const othersOwn = await task(t.id, 'My private okapi note', other.id)
    const othersSeen = await task(t.id, 'Draw an okapi')
    await attempt(me.id, seen.id, t.id)
    await attempt(me.id, othersOwn.id, t.id) // even an attempt does not open another learner's own task
    await attempt(other.id, othersSeen.id, t.id)
    await attempt(other.id, unseen.id, t.id)
    const hits = (await search(me.id, 'okapi'))!.tasks.hits
    expect(hits.map((h) => h.id)).toEqual([seen.id])
    expect(hits[0]!.href).toBe(`/practice/${t.slug}`)
    expect(marked(hits[0]!.snippet)).toEqual(['okapi'])
  })

  it('quests: own and team-assigned to me, never another learner’s', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const team = await teamWith(me.id)
    await prisma.teamMember.create({ data: { teamId: team.id, userId: other.id, role: 'member' } })
    const own = await quest(me.id, 'Platypus own quest')
    const assigned = await quest(me.id, 'Platypus team quest', null, team.id)
    await quest(other.id, 'Platypus other quest')
    await quest(other.id, 'Platypus team quest', null, team.id)
    const ids = (await search(me.id, 'platypus'))!.quests.hits.map((h) => h.id)
    expect(ids.sort()).toEqual([own.id, assigned.id].sort())
  })

  it('nuggets: ready, published ones of my teams and the platform library, never another team’s', async () => {
    const me = await createUser()
    const mine = await teamWith(me.id)
    const theirs = await teamWith(null)
    const archived = await teamWith(me.id)
    await prisma.team.update({ where: { id: archived.id }, data: { archivedAt: new Date() } })
    const library = await nugget(null, 'Axolotl library', 'Gills.')
    const team = await nugget(mine.id, 'Axolotl team', 'Regrowth.')
    await nugget(theirs.id, 'Axolotl secret', 'Their notes.')
    await nugget(archived.id, 'Axolotl archived', 'Old notes.')
    await nugget(mine.id, 'Axolotl pending', 'Still processing.', { status: 'processing' })
    await nugget(mine.id, 'Axolotl draft', 'Not published yet.', { published: false })
    await nugget(null, 'Axolotl library draft', 'Not published yet.', { published: false })
    const ids = (await search(me.id, 'axolotl'))!.nuggets.hits.map((h) => h.id)
    expect(ids.sort()).toEqual([library.id, team.id].sort())
  })

  it('documents: mine and the library by title or passage, a title first, never another team’s', async () => {
    const me = await createUser()
    const mine = await teamWith(me.id)
    const theirs = await teamWith(null)
    const byPassage = await documentOf(mine.id, 'Field notes', ['The pangolin rolls into a ball.'])
    const byTitle = await documentOf(null, 'Pangolin handbook', ['Scales of keratin.'])
    await documentOf(theirs.id, 'Pangolin secrets', ['The pangolin of another team.'])
    const hits = (await search(me.id, 'pangolin'))!.documents.hits
    expect(hits.map((h) => h.id)).toEqual([byTitle.id, byPassage.id])
    expect(plain(hits[1]!.title)).toBe('Field notes')
    expect(marked(hits[1]!.snippet)).toEqual(['pangolin'])
    // a passage's hit opens the document at that passage; a title-only hit opens the document
    const chunk = await prisma.documentChunk.findFirstOrThrow({
      where: { documentId: byPassage.id },
      select: { id: true },
    })
    expect(hits[1]!.href).toBe(`/documents/${byPassage.id}#chunk-${chunk.id}`)
    expect(hits[0]!.href).toBe(`/documents/${byTitle.id}`)
  })
})
