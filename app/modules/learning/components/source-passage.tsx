import { useId } from 'react'
import type { TaskSource } from '~/modules/content/task-source'

/** The passage a review card was made from, shown after answering: the quote, its document, section and link. */
export function SourcePassage({ source }: { source: TaskSource }) {
  const id = useId()
  return (
    <section aria-labelledby={`${id}-source`} className="source-passage">
      <h3 id={`${id}-source`}>Where this comes from</h3>
      <figure>
        <blockquote cite={source.href}>{source.quote}</blockquote>
        <figcaption>
          {source.href ? <a href={source.href}>{source.title}</a> : <cite>{source.title}</cite>}
          {source.section ? ` — ${source.section}` : null}
        </figcaption>
      </figure>
    </section>
  )
}
