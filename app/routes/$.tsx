import { Link } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { NotFound as PageNotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

export const loader = page(async () => {
  throw new PageNotFound()
})

export default function NotFound() {
  return (
    <Page titleId="not-found-title" className="card error-page">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </Page>
  )
}
