import { useId, type ReactNode } from 'react'

/** A labelled form field with its hint and errors wired up for screen readers. */
export function Field({
  label,
  hint,
  errors,
  children,
}: {
  label: string
  hint?: string
  errors?: string[]
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode
}) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, ...(errorId ? { 'aria-invalid': true } : {}) })}
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
