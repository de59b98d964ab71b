import { Form } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import { keySentence, quoteOf } from '../review-card'
import type { Citation } from '../tutor-answer'
import { type CardFormRefusal, ReviewCardForm } from './review-card-form'

export interface MessageItem {
  id: string
  role: 'user' | 'assistant'
  content: string
  citations: Citation[]
}

/** The question form of the tutor: a plain POST, so it works without JavaScript. */
export function AskForm({
  sessionId,
  refused,
}: {
  sessionId?: string
  refused?: { fieldErrors: Record<string, string[] | undefined>; formErrors: string[]; values: Record<string, string> }
}) {
  return (
    <Form method="post" className="stack card" aria-label="Ask the tutor" noValidate>
      <ErrorSummary fieldErrors={refused?.fieldErrors} formErrors={refused?.formErrors} />
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
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
            {...props}
          />
        )}
      </Field>
      <div>
        <SubmitButton pendingText="Looking it up…">Ask</SubmitButton>
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
}: {
  messages: readonly MessageItem[]
  sessionId?: string
  cardRefused?: CardFormRefusal
}) {
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
            {m.citations.length > 0 ? (
              <section aria-label="Sources" id={`sources-${m.id}`}>
                <h3 className="tutor-sources-title">Sources</h3>
                <ol className="tutor-sources">
                  {m.citations.map((c) => (
                    <li key={c.n} value={c.n}>
                      {c.href ? <a href={c.href}>{c.title}</a> : <strong>{c.title}</strong>}
                      {c.where ? ` — ${c.where}` : null}
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
