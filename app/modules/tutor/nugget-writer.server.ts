import { z } from 'zod'
import { recordAiUsage } from '~/modules/billing/usage.server'
import type { NuggetWriter } from '~/modules/knowledge/nugget-proposals.server'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import { RETRIEVAL_ONLY_MODEL } from './ai-config'
import { resolveAiModelConfig } from './ai-config.server'
import { type ChatClient, ChatFailed, configuredChat } from './chat-client.server'
import { costInCents, priceTable } from './chat-prices'

/**
 * The content-generation model writing nugget proposals (docs/nuggets.md): with a chat service
 * (AI_BASE_URL) and a content-generation model set for the team or the platform (not
 * `local:retrieval`, the default), each section of an ingested document is sent to the model,
 * which answers JSON {title, body, keyPoints}; the answer is checked with zod, and anything else
 * (an error, a refusal, malformed JSON) leaves the extractive proposal in place. Each call is
 * recorded as AI usage (type content_generation) of the user who started the ingestion.
 */

const SECTION_CHARS = 12_000

export const NuggetAnswer = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  keyPoints: z.array(z.string().trim().min(1).max(400)).min(1).max(8),
})

const SYSTEM_PROMPT = [
  'You turn one section of a course document into a micro-lesson for learners.',
  'Use only facts stated in the section. Write plain text (short paragraphs, lists with "- " allowed).',
  'Answer with one JSON object and nothing else:',
  '{"title": "a short title (at most 80 characters)", "body": "the lesson, 60 to 300 words", "keyPoints": ["2 to 5 short sentences a learner should remember"]}',
].join('\n')

/** The model's answer as a draft, or null when it is not the JSON asked for. */
export function parseNuggetAnswer(content: string): z.infer<typeof NuggetAnswer> | null {
  const json = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '')
  try {
    const parsed = NuggetAnswer.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function nuggetWriter(chat: ChatClient): NuggetWriter {
  return {
    async forJob({ teamId, userId }) {
      const { config, source } = await resolveAiModelConfig({ teamId })
      if (source === 'default' || config.contentGenerationModel === RETRIEVAL_ONLY_MODEL) return null
      const model = config.contentGenerationModel
      return async ({ documentTitle, proposal }) => {
        const prompt = [
          `Document: ${documentTitle}`,
          proposal.section ? `Section: ${proposal.section}` : null,
          '',
          proposal.body.slice(0, SECTION_CHARS),
        ]
          .filter((line) => line !== null)
          .join('\n')
        let draft: z.infer<typeof NuggetAnswer> | null = null
        let usage = { promptTokens: 0, completionTokens: 0 }
        let errorMessage: string | null = null
        let response: string | null = null
        try {
          const reply = await chat.complete({
            model,
            temperature: config.contentGenerationTemp,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: prompt },
            ],
          })
          usage = reply.usage
          response = reply.content
          draft = parseNuggetAnswer(reply.content)
          if (!draft) errorMessage = 'the model did not answer the JSON asked for'
        } catch (error) {
          if (!(error instanceof ChatFailed)) throw error
          errorMessage = error.message
        }
        if (errorMessage) log.warn('nugget writer: keeping the extractive proposal', { model, error: errorMessage })
        if (userId)
          await recordAiUsage({
            userId,
            type: 'content_generation',
            model,
            prompt: prompt.slice(0, 2000),
            response,
            tokens: usage.promptTokens + usage.completionTokens,
            costInCents: costInCents(model, usage, priceTable(getEnv().AI_PRICES)).cents,
            success: draft !== null,
            errorMessage,
          })
        return draft ? { ...draft, model } : null
      }
    },
  }
}

/** The writer of this deployment: null without a chat service (proposals stay extractive). */
export function configuredNuggetWriter(): NuggetWriter | null {
  const chat = configuredChat()
  return chat ? nuggetWriter(chat) : null
}
