import { describe, expect, it } from 'vitest'
import { nuggetWithTask } from '~/modules/knowledge/testing/nuggets'
import { get, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import * as lessonsPage from './lessons._index'
import * as lessonPage from './lessons.$nuggetId'
import * as nuggetPage from './teams.$teamId.nuggets.$nuggetId'

async function world() {
  const ours = await teamWithEveryRole('Ours')
  const theirs = await teamWithEveryRole('Theirs')
  return {
    ...ours,
    theirs,
    published: await nuggetWithTask(ours.team.id, { published: true, title: 'Photosynthesis' }),
    proposal: await nuggetWithTask(ours.team.id, { title: 'Respiration' }),
    theirPublished: await nuggetWithTask(theirs.team.id, { published: true, title: 'Digestion' }),
  }
}

const lesson = (nuggetId: string, cookie: string) => get(lessonPage, `/lessons/${nuggetId}`, { nuggetId }, cookie)

describe('the lesson page', () => {
  it('shows a published lesson of the team to its member, with its key points, sources and practice link', async () => {
    const w = await world()
    const page = await lesson(w.published.nuggetId, w.member.cookie)
    expect(page.status).toBe(200)
    const body = JSON.stringify(page.body)
    expect(body).toContain('Plants make sugar from light.')
    expect(body).toContain('Photosynthesis notes')
    expect(body).toContain(`/practice/lessons?task=${w.published.taskId}`)
  })

  it('links each source to its passage on the document page, or to the document when the passage is gone', async () => {
    const w = await world()
    const sources = async () =>
      (
        (await lesson(w.published.nuggetId, w.member.cookie)).body as {
          lesson: { documents: { id: string; href: string }[] }
        }
      ).lesson.documents
    expect(await sources()).toEqual([
      expect.objectContaining({ id: w.published.documentId, href: `/documents/${w.published.documentId}` }),
    ])
    const chunk = await prisma.documentChunk.create({
      data: { documentId: w.published.documentId, chunkIndex: 0, content: 'Plants make sugar from light.' },
      select: { id: true },
    })
    expect(await sources()).toEqual([
      expect.objectContaining({ href: `/documents/${w.published.documentId}#chunk-${chunk.id}` }),
    ])
  })

  it.each([
    ['another team’s published lesson', (w: Awaited<ReturnType<typeof world>>) => w.theirPublished.nuggetId],
    ['an unpublished proposal of the team', (w: Awaited<ReturnType<typeof world>>) => w.proposal.nuggetId],
    ['an unknown id', () => '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['a malformed id', () => 'not-a-nugget'],
  ])('answers 404 for %s', async (_, idOf) => {
    const w = await world()
    expect((await lesson(idOf(w), w.member.cookie)).status).toBe(404)
  })

  it('lists only the published lessons of the learner’s teams', async () => {
    const w = await world()
    const page = await get(lessonsPage, '/lessons', {}, w.member.cookie)
    const body = JSON.stringify(page.body)
    expect(body).toContain(w.published.nuggetId)
    expect(body).not.toContain(w.proposal.nuggetId)
    expect(body).not.toContain(w.theirPublished.nuggetId)
  })
})

describe('the nugget editor', () => {
  const path = (w: Awaited<ReturnType<typeof world>>, nuggetId: string) => ({
    path: `/teams/${w.team.id}/nuggets/${nuggetId}`,
    params: { teamId: w.team.id, nuggetId },
  })

  it('answers 404 for another team’s nugget, even to the owner', async () => {
    const w = await world()
    const { path: p, params } = path(w, w.theirPublished.nuggetId)
    expect((await get(nuggetPage, p, params, w.owner.cookie)).status).toBe(404)
    expect((await post(nuggetPage, p, params, w.owner.cookie, { intent: 'unpublish' })).status).toBe(404)
  })

  it('saving marks the nugget edited; bad input is refused field by field and writes nothing', async () => {
    const w = await world()
    const { path: p, params } = path(w, w.proposal.nuggetId)
    const before = await prisma.nugget.findUniqueOrThrow({ where: { id: w.proposal.nuggetId } })
    const refused = await post(nuggetPage, p, params, w.instructor.cookie, {
      intent: 'save',
      title: 'x',
      body: 'Long enough text.',
      imageUrl: 'javascript:alert(1)',
      audioUrl: '//elsewhere.example/a.mp3',
      slideBody0: 'A slide without a title',
    })
    expect(refused.status).toBe(400)
    const fieldErrors = (refused.body as { fieldErrors: Record<string, string[]> }).fieldErrors
    expect(Object.keys(fieldErrors).sort()).toEqual(['audioUrl', 'imageUrl', 'slideTitle0', 'title'])
    expect(await prisma.nugget.findUniqueOrThrow({ where: { id: w.proposal.nuggetId } })).toEqual(before)

    const saved = await post(nuggetPage, p, params, w.instructor.cookie, {
      intent: 'save',
      title: 'Breathing cells',
      body: 'Cells burn sugar for energy.',
      keyPoints: 'Cells burn sugar.\n\nOxygen is needed.',
      concepts: 'Respiration\nrespiration\nEnergy',
      imageUrl: 'https://example.com/cell.png',
      audioUrl: '/audio/cell.mp3',
      slideTitle0: 'Step one',
      slideBody0: 'Glucose in.',
    })
    expect(saved.status).toBe(302)
    const after = await prisma.nugget.findUniqueOrThrow({ where: { id: w.proposal.nuggetId } })
    expect(after).toMatchObject({
      title: 'Breathing cells',
      content: 'Cells burn sugar for energy.',
      imageUrl: 'https://example.com/cell.png',
      audioUrl: '/audio/cell.mp3',
      slides: [{ title: 'Step one', body: 'Glucose in.' }],
    })
    expect(after.metadata).toMatchObject({
      edited: true,
      keyPoints: ['Cells burn sugar.', 'Oxygen is needed.'],
      concepts: ['respiration', 'energy'],
      publishedAt: null,
    })
  })

  it('a multiple-choice task needs 2 to 6 options and the number of the right one', async () => {
    const w = await world()
    const { path: p, params } = path(w, w.proposal.nuggetId)
    const refused = await post(nuggetPage, p, params, w.instructor.cookie, {
      intent: 'add-task',
      kind: 'multiple_choice',
      prompt: 'Which gas?',
      choices: 'Oxygen',
      correct: '3',
    })
    expect(refused.status).toBe(400)
    expect(Object.keys((refused.body as { fieldErrors: object }).fieldErrors).sort()).toEqual(['choices', 'correct'])
    expect(await prisma.task.count({ where: { nuggetId: w.proposal.nuggetId } })).toBe(1)
  })
})
