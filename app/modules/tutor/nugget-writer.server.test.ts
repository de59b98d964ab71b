import { beforeEach, describe, expect, it } from 'vitest'
import { ingestDocument } from '~/modules/knowledge/ingestion.server'
import { runIngestionQueue } from '~/modules/knowledge/jobs.server'
import { nuggetMetadata } from '~/modules/knowledge/nugget-rules'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { sessionUserOf } from '#tests/support/accounts'
import { DEFAULT_AI_MODEL_CONFIG } from './ai-config'
import { saveModelConfig } from './ai-config.server'
import { nuggetWriter, parseNuggetAnswer } from './nugget-writer.server'
import { type Scripted, reply, loopbackChat } from './testing/loopback-chat'

/**
 * The content model writing nugget proposals, against a loopback OpenAI-compatible
 * /v1/chat/completions server: each test queues the model's answers; every request body is kept.
 */
type Body = { model: string; temperature?: number; messages: { role: string; content: string }[] }
let script: Scripted<Body>[] = []
let requests: Body[] = []
const chat = loopbackChat<Body>({ next: () => script.shift(), record: (body) => requests.push(body) })
const says = (content: string) =>
  reply<Body>({ role: 'assistant', content }, { prompt_tokens: 120, completion_tokens: 40 })

beforeEach(() => {
  script = []
  requests = []
})

const GUIDE =
  '# Photosynthesis\n\nPlants make sugar from light in a process called photosynthesis. Chlorophyll in the leaves absorbs the light. ' +
  'The leaves take carbon dioxide from the air and water from the roots. Photosynthesis releases oxygen as a by-product.\n'

async function teamWithContentModel(model: string | null) {
  const { team, instructor } = await teamWithEveryRole()
  if (model)
    await saveModelConfig('team', team.id, {
      ...DEFAULT_AI_MODEL_CONFIG,
      contentGenerationModel: model,
      contentGenerationTemp: 0.2,
    })
  const user = await sessionUserOf(instructor.id)
  const started = await ingestDocument(user, team.id, { name: 'plants.md', bytes: new TextEncoder().encode(GUIDE) })
  await runIngestionQueue(new Date(), { embedder: null, nuggetWriter: nuggetWriter(chat) })
  const nuggets = await prisma.nugget.findMany({
    where: { sources: { some: { documentId: started.documentId } } },
    select: { title: true, content: true, status: true, metadata: true },
  })
  const usage = await prisma.aIUsage.findMany({
    where: { userId: user.id },
    select: { type: true, model: true, tokensUsed: true, success: true },
  })
  return { nuggets, usage }
}

describe('the content model writing nugget proposals', () => {
  it('writes title, body and key points from the section, and records the usage', async () => {
    script = [
      says(
        '```json\n' +
          JSON.stringify({
            title: 'How plants make sugar',
            body: 'Plants turn light into sugar.',
            keyPoints: ['Chlorophyll absorbs light.', 'Oxygen is released.'],
          }) +
          '\n```',
      ),
    ]
    const { nuggets, usage } = await teamWithContentModel('gpt-content')
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ model: 'gpt-content', temperature: 0.2 })
    expect(requests[0]!.messages[1]!.content).toContain('Chlorophyll in the leaves absorbs the light.')
    expect(nuggets).toHaveLength(1)
    expect(nuggets[0]).toMatchObject({
      title: 'How plants make sugar',
      content: 'Plants turn light into sugar.',
      status: 'ready',
    })
    expect(nuggetMetadata(nuggets[0]!.metadata)).toMatchObject({
      keyPoints: ['Chlorophyll absorbs light.', 'Oxygen is released.'],
      concepts: ['photosynthesis', 'leaves', 'light'],
      generatedBy: 'model:gpt-content',
      publishedAt: null,
    })
    expect(usage).toEqual([{ type: 'content_generation', model: 'gpt-content', tokensUsed: 160, success: true }])
  })

  it.each([
    ['an answer that is not the JSON asked for', () => [says('Here is a lesson about plants!')]],
    ['an error of the model service', () => []],
  ])('%s: the extractive proposal stays, the failure is recorded', async (_, answers) => {
    script = answers()
    const { nuggets, usage } = await teamWithContentModel('gpt-content')
    expect(nuggets).toHaveLength(1)
    expect(nuggets[0]).toMatchObject({ title: 'Photosynthesis', status: 'ready' })
    expect(nuggetMetadata(nuggets[0]!.metadata).generatedBy).toBe('extractive')
    expect(usage).toMatchObject([{ type: 'content_generation', success: false }])
  })

  it('without a content model configured (the default local:retrieval) the model is not asked', async () => {
    const { nuggets, usage } = await teamWithContentModel(null)
    expect(requests).toHaveLength(0)
    expect(nuggets[0]).toMatchObject({ title: 'Photosynthesis' })
    expect(usage).toEqual([])
  })

  it.each([
    ['{"title":"T","body":"B","keyPoints":["K"]}', { title: 'T', body: 'B', keyPoints: ['K'] }],
    ['{"title":"","body":"B","keyPoints":["K"]}', null],
    ['{"title":"T","body":"B","keyPoints":[]}', null],
    ['not json', null],
  ])('parseNuggetAnswer(%s)', (content, want) => {
    expect(parseNuggetAnswer(content)).toEqual(want)
  })
})
