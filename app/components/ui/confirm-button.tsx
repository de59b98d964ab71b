import { useId, useRef, type MouseEvent, type ReactNode } from 'react'
import { SubmitButton } from './submit-button'

/**
 * A destructive submit button that asks first, with or without JavaScript. The first
 * button is the <summary> of a native <details> disclosure: pressing it opens the
 * question, the real submit button and a way back. Put it inside the <Form> whose
 * action it confirms; only the confirming button submits.
 *
 *   <Form method="post">
 *     <input type="hidden" name="memberId" value={member.id} />
 *     <ConfirmButton name="intent" value="remove" pendingText="Removing…" confirmLabel={`Remove ${name}`}
 *       question={`Remove ${name} from the team? This cannot be undone.`}>
 *       Remove<span className="visually-hidden"> {name}</span>
 *     </ConfirmButton>
 *   </Form>
 *
 * "Cancel" is a link to this same page, so without JavaScript it simply shows the page
 * again with the question closed; with JavaScript it closes the question in place and
 * gives focus back to the first button. Pressing the first button again also closes it.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  pendingText,
  name,
  value,
  cancelLabel = 'Cancel',
  className = 'button secondary',
}: {
  /** The first button's label (name the thing it acts on, e.g. with a visually hidden part). */
  children: ReactNode
  /** What happens if confirmed, e.g. "Sign out on every device? You will need to log in again." */
  question: ReactNode
  /** The submit button's label, e.g. "Yes, sign out everywhere". */
  confirmLabel: ReactNode
  pendingText: string
  name?: string
  value?: string
  cancelLabel?: string
  /** Classes of the first button; the confirming one is always `button danger`. */
  className?: string
}) {
  const questionId = useId()
  const details = useRef<HTMLDetailsElement>(null)
  const cancel = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!details.current) return
    event.preventDefault()
    details.current.open = false
    details.current.querySelector('summary')?.focus()
  }
  return (
    <details ref={details} className="confirm">
      <summary className={className}>{children}</summary>
      <div className="confirm-panel" role="group" aria-labelledby={questionId}>
        <p id={questionId} className="confirm-question">
          {question}
        </p>
        <div className="inline-actions">
          <SubmitButton className="button danger" name={name} value={value} pendingText={pendingText}>
            {confirmLabel}
          </SubmitButton>
          {/* An empty href is this page's own address (with its query). */}
          <a className="button secondary" href="" onClick={cancel}>
            {cancelLabel}
          </a>
        </div>
      </div>
    </details>
  )
}
