import { Form, useLocation, useNavigate } from '@remix-run/react'
import { type FormEvent, useRef, useState } from 'react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import type { VoiceSettings } from '../ai-config'
import { keySentence, quoteOf } from '../review-card'
import { documentHref } from '~/modules/knowledge/document-view'
import type { Citation } from '../tutor-answer'
import { type CardFormRefusal, ReviewCardForm } from './review-card-form'
import { MicrophoneButton, ReadAloudButton, readsItselfAloud } from './tutor-voice'

export interface MessageItem {
  id: string
  role: 'user' | 'assistant'
  content: string
  citations: Citation[]
}

const NO_VOICE: VoiceSettings = { voiceName: null, speak: false, listen: false, readAloud: false }

/** The events of a text/event-stream chunk sequence: complete `event:`/`data:` blocks, the rest kept. */
function takeEvents(buffer: string): { events: { event: string; data: Record<string, unknown> }[]; rest: string } {
  const blocks = buffer.split('\n\n')
  const rest = blocks.pop() ?? ''
  const events = blocks.flatMap((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1]
    const data = /^data: (.*)$/m.exec(block)?.[1]
    if (!event || !data) return []
    try {
      return [{ event, data: JSON.parse(data) as Record<string, unknown> }]
    } catch {
      return []
    }
  })
  return { events, rest }
}

/**
 * The question form of the tutor: a plain POST, so it works without JavaScript. With JavaScript
 * and streams it posts to /api/tutor/ask instead and shows the answer as it is written, then
 * opens the stored conversation; a microphone button fills the question and asks it where the browser can listen.
 */
export function AskForm({
  sessionId,
  refused,
  voice = NO_VOICE,
}: {
  sessionId?: string
  refused?: { fieldErrors: Record<string, string[] | undefined>; formErrors: string[]; values: Record<string, string> }
  voice?: VoiceSettings
}) {
  const navigate = useNavigate()
  const question = useRef<HTMLTextAreaElement>(null)
  const mode = useRef<HTMLInputElement>(null)
  const [live, setLive] = useState<{ text: string; state: 'writing' | 'failed'; error?: string } | null>(null)

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    if (typeof ReadableStream === 'undefined' || typeof TextDecoder === 'undefined') return // the plain post
    event.preventDefault()
    if (live?.state === 'writing') return
    setLive({ text: '', state: 'writing' })
    try {
      const response = await fetch('/api/tutor/ask', {
        method: 'POST',
        body: new URLSearchParams(
          Array.from(new FormData(event.currentTarget), ([k, v]) => [k, String(v)] as [string, string]),
        ),
        headers: { accept: 'text/event-stream' },
      })
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string }
        setLive({ text: '', state: 'failed', error: body.error ?? 'The tutor could not answer. Please try again.' })
        return
      }
      const reader = response.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      let text = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (value) buffer += decoder.decode(value, { stream: true })
        const taken = takeEvents(buffer)
        buffer = taken.rest
        for (const e of taken.events) {
          if (e.event === 'delta' && typeof e.data.text === 'string') {
            text += e.data.text
            setLive({ text, state: 'writing' })
          } else if (e.event === 'done' && typeof e.data.url === 'string') {
            navigate(e.data.url)
            setLive(null)
            if (question.current) question.current.value = ''
            return
          } else if (e.event === 'error') {
            setLive({ text, state: 'failed', error: String(e.data.error) })
            return
          }
        }
        if (done) break
      }
      setLive({ text, state: 'failed', error: 'The answer was cut off. Please reload the page.' })
    } catch {
      setLive({ text: '', state: 'failed', error: 'The tutor could not be reached. Please try again.' })
    }
  }

  return (
    <Form method="post" className="stack card" aria-label="Ask the tutor" noValidate onSubmit={onSubmit}>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
      <input type="hidden" name="mode" ref={mode} defaultValue={refused?.values.mode ?? ''} />
      <Field
        label="Your question"
        hint="The tutor answers from your team's documents and the library, and says where each answer comes from."
        errors={refused?.fieldErrors.question}
      >
        {(props) => (
          <textarea
            name="question"
            rows={3}
            maxLength={2000}
            defaultValue={refused?.values.question ?? ''}
            ref={question}
            {...props}
          />
        )}
      </Field>
      <div className="actions">
        <SubmitButton pendingText="Looking it up…" aria-disabled={live?.state === 'writing' || undefined}>
          {live?.state === 'writing' ? 'Writing the answer…' : 'Ask'}
        </SubmitButton>
        <MicrophoneButton
          enabled={voice.listen}
          onTranscript={(text) => {
            if (mode.current) mode.current.value = 'voice'
            if (question.current) {
              question.current.value = text
              question.current.focus()
              // the spoken question is asked at once, as a learner talking to the tutor expects
              question.current.form?.requestSubmit()
            }
          }}
        />
      </div>
      <div aria-live="polite" className="tutor-live">
        {live?.text ? (
          <p className="tutor-streaming">
            <span className="visually-hidden">The tutor is answering: </span>
            {live.text}
          </p>
        ) : null}
        {live?.state === 'failed' ? <p role="alert">{live.error}</p> : null}
      </div>
    </Form>
  )
}

/**
 * A conversation: each answer's quotes, then its numbered sources. With `sessionId`, each source
 * offers "Make review cards" (the question asked before the answer and the quote's key sentence
 * filled in).
 */
export function Conversation({
  messages,
  sessionId,
  cardRefused,
  voice = NO_VOICE,
}: {
  messages: readonly MessageItem[]
  sessionId?: string
  cardRefused?: CardFormRefusal
  voice?: VoiceSettings
}) {
  const { hash } = useLocation()
  return (
    <ol className="tutor-messages plain-list">
      {messages.map((m, i) => {
        const asked = messages.slice(0, i).findLast((q) => q.role === 'user')?.content ?? ''
        return (
          <li key={m.id} className={`card tutor-${m.role}`} id={i === messages.length - 1 ? 'latest' : undefined}>
            <p className="tutor-who">{m.role === 'user' ? 'You asked' : 'Tutor'}</p>
            {m.content
              .split('\n\n')
              .map((paragraph, j) =>
                paragraph.startsWith('> ') ? (
                  <blockquote key={j}>{paragraph.slice(2)}</blockquote>
                ) : (
                  <p key={j}>{paragraph}</p>
                ),
              )}
            {m.role === 'assistant' ? (
              <ReadAloudButton
                text={m.content}
                settings={voice}
                autoStart={readsItselfAloud(voice, i === messages.length - 1, hash)}
              />
            ) : null}
            {m.citations.length > 0 ? (
              <section aria-label="Sources" id={`sources-${m.id}`}>
                <h3 className="tutor-sources-title">Sources</h3>
                <ol className="tutor-sources">
                  {m.citations.map((c) => (
                    <li key={c.n} value={c.n}>
                      <a href={documentHref(c.documentId, c.chunkId)}>{c.title}</a>
                      {c.where ? ` — ${c.where}` : null}
                      {c.href ? (
                        <>
                          {' '}
                          (<a href={c.href}>web page</a>)
                        </>
                      ) : null}
                      {sessionId && m.role === 'assistant' ? (
                        <ReviewCardForm
                          sessionId={sessionId}
                          messageId={m.id}
                          chunkId={c.chunkId}
                          n={c.n}
                          question={asked}
                          answer={keySentence(quoteOf(m.content, c.n) ?? '', asked)}
                          refused={cardRefused}
                        />
                      ) : null}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
