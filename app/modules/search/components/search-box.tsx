import { Form } from '@remix-run/react'

/**
 * The search box of the navigation: a plain GET form to /search, so it works without JavaScript.
 * `id` keeps the label of each box unique when the results page shows a second one.
 */
export function SearchBox({ id, defaultValue = '' }: { id: string; defaultValue?: string }) {
  return (
    <Form method="get" action="/search" role="search" className="search-box">
      <label htmlFor={id} className="visually-hidden">
        Search topics, tasks, quests and knowledge
      </label>
      <input id={id} type="search" name="q" defaultValue={defaultValue} placeholder="Search" maxLength={100} />
      <button type="submit">Search</button>
    </Form>
  )
}
