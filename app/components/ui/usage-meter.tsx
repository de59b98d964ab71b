import type { ReactNode } from 'react'

/** "n of limit <noun> used" as a labelled <progress>, with an optional hint below (seats, AI requests). */
export function UsageMeter({
  id,
  used,
  limit,
  noun,
  className,
  children,
}: {
  id: string
  used: number
  limit: number
  noun: string
  className: string
  children?: ReactNode
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>
        {used} of {limit} {noun} used
      </label>
      <progress id={id} max={limit} value={Math.min(used, limit)}>
        {used} of {limit}
      </progress>
      {children}
    </div>
  )
}
