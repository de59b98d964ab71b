import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { readableDocument } from '~/modules/knowledge/documents.server'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.document.title} — Documents — Questlog` : 'Document — Questlog' },
]

/**
 * GET /documents/:documentId — one document the learner may read (their teams' or the library's),
 * its text by section, each passage anchored `#chunk-<id>` for the tutor's citations and search
 * results. Another team's document is not found.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { document: await readableDocument(user.id, params.documentId ?? '') }
})

export default function DocumentPage() {
  const { document } = useLoaderData<typeof loader>()
  const { source } = document
  return (
    <Page titleId="document-title" className="document-view">
      <h1 id="document-title">{document.title}</h1>
      <p className="hint">
        {document.team ? `Shared with ${document.team}` : 'Platform library'}
        {source ? (
          <>
            {' · '}
            {source.kind === 'url' ? (
              <>
                Source: <a href={source.label}>{source.label}</a>
              </>
            ) : source.kind === 'file' ? (
              `File: ${source.label}`
            ) : (
              `Source: ${source.label}`
            )}
          </>
        ) : null}
      </p>
      {document.sections.length === 0 ? <p>This document has no text to show.</p> : null}
      {document.sections.length > 1 ? (
        <nav aria-label="Sections">
          <ol>
            {document.sections.map((s) => (
              <li key={s.slug}>
                <a href={`#${s.slug}`}>{s.heading ?? 'Start'}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {document.sections.map((s) => (
        <section key={s.slug} id={s.slug} aria-labelledby={s.heading ? `${s.slug}-heading` : undefined}>
          {s.heading ? <h2 id={`${s.slug}-heading`}>{s.heading}</h2> : null}
          {s.chunks.map((c) => (
            <div key={c.id} id={c.anchor} className="document-passage" tabIndex={-1}>
              {c.page ? <p className="hint">{`Page ${c.page}`}</p> : null}
              {c.content
                .split(/\n{2,}/)
                .filter((p) => p.trim())
                .map((paragraph, i) => (
                  <p key={i}>{paragraph}</p>
                ))}
            </div>
          ))}
        </section>
      ))}
    </Page>
  )
}
