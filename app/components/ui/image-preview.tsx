import { Form } from '@remix-run/react'
import { SubmitButton } from './submit-button'

/**
 * The current picture of a profile or team (or its initial when there is none),
 * with a button that posts `intent=<removeIntent>` to take it away.
 */
export function ImagePreview({
  src,
  alt,
  fallback,
  removeIntent,
  removeLabel,
  round = false,
}: {
  src: string | null
  alt: string
  fallback: string
  removeIntent: string
  removeLabel: string
  round?: boolean
}) {
  return (
    <div className={`image-preview${round ? ' round' : ''}`}>
      {src ? (
        <img src={src} alt={alt} width={96} height={96} />
      ) : (
        <span className="image-preview-empty" aria-hidden="true">
          {fallback.slice(0, 1).toUpperCase() || '?'}
        </span>
      )}
      {src ? (
        <Form method="post">
          <SubmitButton className="button secondary" name="intent" value={removeIntent} pendingText="Removing…">
            {removeLabel}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  )
}
