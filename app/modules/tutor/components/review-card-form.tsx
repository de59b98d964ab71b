import { Form } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'

export interface CardFormRefusal {
  intent: string
  fieldErrors: Record<string, string[] | undefined>
  formErrors: string[]
  values: Record<string, string>
}

/** The intent of the form for one passage of one answer: its refusal comes back to that form only. */
export const reviewCardIntent = (messageId: string, chunkId: string) => `review-card:${messageId}:${chunkId}`

/**
 * "Make review cards" under a cited passage: a plain POST (works without JavaScript) with the
 * learner's question and the passage's key sentence filled in, both editable.
 */
export function ReviewCardForm({
  sessionId,
  messageId,
  chunkId,
  n,
  question,
  answer,
  refused,
}: {
  sessionId: string
  messageId: string
  chunkId: string
  /** the source's number in the answer */
  n: number
  question: string
  answer: string
  refused?: CardFormRefusal
}) {
  const intent = reviewCardIntent(messageId, chunkId)
  const mine = refused?.intent === intent ? refused : undefined
  return (
    <details className="review-card-form" open={mine ? true : undefined}>
      <summary>Make review cards</summary>
      <Form
        method="post"
        action={`/tutor/${sessionId}`}
        className="stack"
        aria-label={`Make a review card from source ${n}`}
        noValidate
      >
        <ErrorSummary fieldErrors={mine?.fieldErrors} formErrors={mine?.formErrors} />
        <input type="hidden" name="messageId" value={messageId} />
        <input type="hidden" name="chunkId" value={chunkId} />
        <Field label="Question on the card" errors={mine?.fieldErrors.question}>
          {(props) => (
            <textarea
              name="question"
              rows={2}
              maxLength={500}
              defaultValue={mine?.values.question ?? question}
              {...props}
            />
          )}
        </Field>
        <Field
          label="Accepted answers"
          hint="One a line; any of them counts as right. After you answer, the card shows this passage."
          errors={mine?.fieldErrors.answer}
        >
          {(props) => (
            <textarea name="answer" rows={3} maxLength={2000} defaultValue={mine?.values.answer ?? answer} {...props} />
          )}
        </Field>
        <div>
          <SubmitButton name="intent" value={intent} pendingText="Saving…">
            Save review card
          </SubmitButton>
        </div>
      </Form>
    </details>
  )
}
