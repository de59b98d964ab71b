import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { Highlighted } from '~/modules/search/components/highlighted'
import { SearchBox } from '~/modules/search/components/search-box'
import { DEFAULT_PER_KIND, MAX_PER_KIND, SEARCH_KINDS, parseSearchParams } from '~/modules/search/search-input'
import { search } from '~/modules/search/search.server'
import { KIND_LABELS, moreHref } from '~/modules/search/search-view'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Search — Questlog' }]

/**
 * GET /search?q=&kind= — one search over what the learner may see (docs/search.md). A missing,
 * short or long query is a message on the page, never an error page.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const params = parseSearchParams(new URL(request.url).searchParams)
  if (!params.ok) return { text: params.text, problem: params.problem, kind: null, results: null }
  const results = await search(user.id, params.text, {
    kind: params.kind,
    perKind: params.kind ? MAX_PER_KIND : DEFAULT_PER_KIND,
  })
  return { text: params.text, problem: null, kind: params.kind, results }
})

export default function SearchPage() {
  const { text, problem, kind, results } = useLoaderData<typeof loader>()
  const kinds = SEARCH_KINDS.filter((k) => !kind || k === kind)
  const total = results ? kinds.reduce((sum, k) => sum + results[k].hits.length, 0) : 0
  return (
    <Page titleId="search-title">
      <h1 id="search-title">Search</h1>
      <SearchBox id="search-page-q" defaultValue={text} />
      {problem ? (
        <p className="hint" role="status">
          {problem}
        </p>
      ) : null}
      {!results && !problem ? (
        <p className="hint">Search topics, the tasks you have practised, your quests, and your team’s knowledge.</p>
      ) : null}
      {results && total === 0 ? <p role="status">Nothing found for “{text}”. Try fewer or shorter words.</p> : null}
      {results && total > 0 ? (
        <>
          <p role="status" className="hint">
            Results for “{text}”{kind ? ` in ${KIND_LABELS[kind].toLowerCase()}` : ''}.{' '}
            {kind ? <Link to={`/search?${new URLSearchParams({ q: text }).toString()}`}>All kinds</Link> : null}
          </p>
          {kinds.map((k) =>
            results[k].hits.length === 0 ? null : (
              <section key={k} aria-labelledby={`search-${k}`} className="search-group">
                <h2 id={`search-${k}`}>{KIND_LABELS[k]}</h2>
                <ul className="search-results">
                  {results[k].hits.map((hit) => (
                    <li key={hit.id}>
                      <p className="search-result-title">
                        {hit.href ? (
                          <Link to={hit.href}>
                            <Highlighted segments={hit.title} />
                          </Link>
                        ) : (
                          <strong>
                            <Highlighted segments={hit.title} />
                          </strong>
                        )}
                        {hit.context ? <span className="hint"> · {hit.context}</span> : null}
                      </p>
                      {hit.snippet.length > 0 ? (
                        <p className="search-snippet">
                          <Highlighted segments={hit.snippet} />
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {results[k].more ? (
                  kind ? (
                    <p className="hint">Showing the first {MAX_PER_KIND}; add a word to narrow the search.</p>
                  ) : (
                    <p>
                      <Link to={moreHref(text, k)}>More {KIND_LABELS[k].toLowerCase()}</Link>
                    </p>
                  )
                ) : null}
              </section>
            ),
          )}
        </>
      ) : null}
    </Page>
  )
}
