import { data } from '@remix-run/node'
import { Link } from '@remix-run/react'

export function loader() {
  throw data({ error: 'Not found' }, { status: 404 })
}

export default function NotFound() {
  return (
    <section className="card error-page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  )
}
