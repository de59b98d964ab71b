import type { ReactNode } from 'react'

/**
 * The one wrapper of every page, inside the layout's <main>: a section named by
 * the page's heading (`titleId` is the id of its <h1>). `narrow` for single forms.
 */
export function Page({
  titleId,
  className,
  narrow,
  children,
}: {
  titleId: string
  className?: string
  narrow?: boolean
  children: ReactNode
}) {
  const classes = ['page', narrow ? 'narrow' : null, className].filter(Boolean).join(' ')
  return (
    <section aria-labelledby={titleId} className={classes}>
      {children}
    </section>
  )
}
