import { useEffect, useRef } from 'react'

/**
 * The message above a form that was refused. With JavaScript on, focus moves to
 * it, so keyboard and screen-reader users learn at once what went wrong.
 */
export function ErrorSummary({
  fieldErrors,
  formErrors,
}: {
  fieldErrors?: Record<string, string[] | undefined>
  formErrors?: string[]
}) {
  const ref = useRef<HTMLDivElement>(null)
  const fieldCount = Object.values(fieldErrors ?? {}).filter((e) => e?.length).length
  const messages = [...(formErrors ?? [])]
  if (fieldCount > 0) messages.push(`Please fix the ${fieldCount === 1 ? 'field' : 'fields'} marked below.`)
  const text = messages.join(' ')
  useEffect(() => {
    if (text) ref.current?.focus()
  }, [text])
  if (!text) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  )
}
