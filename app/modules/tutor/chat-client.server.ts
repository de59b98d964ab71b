import { z } from 'zod'
import { getEnv } from '~/utils/env.server'

/**
 * An OpenAI-compatible chat-completions client (POST {AI_BASE_URL}/chat/completions), plain fetch,
 * every answer parsed with zod. With `onDelta` it asks for a stream (server-sent events) and hands
 * each piece of text over as it comes; either way it returns the whole message, its tool calls and
 * the token usage. Configured like the embedder (knowledge/embedder.server.ts).
 */

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string }

export interface ChatToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export interface ChatTool {
  type: 'function'
  function: { name: string; description: string; parameters: Record<string, unknown> }
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  tools?: ChatTool[]
  temperature?: number
}

export interface ChatReply {
  content: string
  toolCalls: ChatToolCall[]
  usage: { promptTokens: number; completionTokens: number }
}

export interface ChatClient {
  complete(request: ChatRequest, options?: { onDelta?: (text: string) => void }): Promise<ChatReply>
}

export class ChatFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChatFailed'
  }
}

const Usage = z.object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) }).nullish()

const ToolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
})

const CompletionAnswer = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), tool_calls: z.array(ToolCall).nullish() }),
      }),
    )
    .min(1),
  usage: Usage,
})

/** One `data:` event of a stream; a tool call's pieces arrive by `index` and are joined. */
const StreamChunk = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().int().min(0),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
      }),
    )
    .default([]),
  usage: Usage,
})

export interface OpenAiChatOptions {
  baseUrl: string
  apiKey?: string
  timeoutMs?: number
  fetch?: typeof fetch
}

export function openAiCompatibleChat(options: OpenAiChatOptions): ChatClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`
  const doFetch = options.fetch ?? fetch
  return {
    async complete(request, { onDelta } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`
      const stream = Boolean(onDelta)
      let response: Awaited<ReturnType<typeof doFetch>> // the model service's answer, not one of ours
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            ...request,
            ...(request.tools?.length ? {} : { tools: undefined }),
            stream,
            ...(stream ? { stream_options: { include_usage: true } } : {}),
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
        })
      } catch (error) {
        throw new ChatFailed(`the chat model could not be reached: ${String(error)}`)
      }
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).slice(0, 300)
        throw new ChatFailed(`the chat model answered ${response.status}${body ? `: ${body}` : ''}`)
      }
      const type = response.headers.get('content-type') ?? ''
      if (stream && type.includes('text/event-stream') && response.body) return readStream(response.body, onDelta!)
      const parsed = CompletionAnswer.safeParse(await response.json().catch(() => null))
      if (!parsed.success) throw new ChatFailed('the chat model sent an answer we do not understand')
      const message = parsed.data.choices[0]!.message
      const content = message.content ?? ''
      if (content && onDelta) onDelta(content)
      return {
        content,
        toolCalls: message.tool_calls ?? [],
        usage: {
          promptTokens: parsed.data.usage?.prompt_tokens ?? 0,
          completionTokens: parsed.data.usage?.completion_tokens ?? 0,
        },
      }
    },
  }
}

/** Reads an SSE stream of chat chunks to its `[DONE]`, passing text on and joining tool calls. */
async function readStream(body: ReadableStream<Uint8Array>, onDelta: (text: string) => void): Promise<ChatReply> {
  const decoder = new TextDecoder()
  let buffer = ''
  let content = ''
  const calls: { id: string; name: string; arguments: string }[] = []
  const usage = { promptTokens: 0, completionTokens: 0 }
  let done = false
  const handle = (event: string) => {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n')
    if (!data) return
    if (data === '[DONE]') {
      done = true
      return
    }
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      throw new ChatFailed('the chat model sent a stream event that is not JSON')
    }
    const chunk = StreamChunk.safeParse(json)
    if (!chunk.success) throw new ChatFailed('the chat model sent a stream event we do not understand')
    if (chunk.data.usage) {
      usage.promptTokens = chunk.data.usage.prompt_tokens
      usage.completionTokens = chunk.data.usage.completion_tokens
    }
    for (const choice of chunk.data.choices) {
      const text = choice.delta?.content
      if (text) {
        content += text
        onDelta(text)
      }
      for (const part of choice.delta?.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: '', name: '', arguments: '' })
        if (part.id) call.id = part.id
        if (part.function?.name) call.name += part.function.name
        if (part.function?.arguments) call.arguments += part.function.arguments
      }
    }
  }
  const reader = body.getReader()
  while (!done) {
    const { value, done: ended } = await reader.read()
    if (value) buffer += decoder.decode(value, { stream: true })
    let split: number
    while (!done && (split = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, split)
      buffer = buffer.slice(split).replace(/^\r?\n\r?\n/, '')
      handle(event)
    }
    if (ended) break
  }
  if (!done && buffer.trim()) handle(buffer)
  await reader.cancel().catch(() => undefined)
  if (!done) throw new ChatFailed('the chat model’s stream ended before [DONE]')
  const toolCalls = calls
    .filter((call) => call !== undefined)
    .map((call) => {
      if (!call.id || !call.name) throw new ChatFailed('the chat model sent a tool call without an id or name')
      return { id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } }
    })
  return { content, toolCalls, usage }
}

/** The chat model of this deployment: the API when AI_BASE_URL is set, else null (the retrieval-only tutor). */
export function configuredChat(): ChatClient | null {
  const env = getEnv()
  if (!env.AI_BASE_URL) return null
  return openAiCompatibleChat({ baseUrl: env.AI_BASE_URL, apiKey: env.AI_API_KEY })
}
