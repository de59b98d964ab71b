import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from 'react-router-dom/server'
import { describe, expect, it } from 'vitest'
import { ConfirmButton } from './confirm-button'

/** Rendered inside a router, as on a page (the submit button reads the navigation state). */
async function render(element: ReactNode): Promise<string> {
  const handler = createStaticHandler([
    { id: 'page', path: '/settings/sessions', Component: () => <form method="post">{element}</form> },
  ])
  const context = await handler.query(new Request('http://localhost/settings/sessions?ended=one'))
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`)
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(<StaticRouterProvider router={router} context={context} hydrate={false} />)
}

const question = 'Remove Ana from the team? This cannot be undone.'

describe('ConfirmButton', () => {
  it('is a closed native disclosure: the first button opens the question, it submits nothing', async () => {
    const html = await render(
      <ConfirmButton name="intent" value="remove" pendingText="Removing…" confirmLabel="Remove Ana" question={question}>
        Remove<span className="visually-hidden"> Ana</span>
      </ConfirmButton>,
    )
    expect(html).toMatch(
      /^<form method="post"><details class="confirm"><summary class="button secondary">Remove<span class="visually-hidden"> Ana<\/span><\/summary>/,
    )
    expect(html).not.toMatch(/<details[^>]* open/)
    // The summary holds no button of its own: pressing it cannot send the form.
    expect(html.match(/<summary[^>]*>.*?<\/summary>/)![0]).not.toContain('<button')
  })

  it('the question names the group holding the one submit button and a cancel back to this page', async () => {
    const html = await render(
      <ConfirmButton
        name="intent"
        value="end-all"
        pendingText="Signing out…"
        confirmLabel="Yes, sign out everywhere"
        question={question}
      >
        Sign out everywhere
      </ConfirmButton>,
    )
    const questionId = html.match(
      /<p id="([^"]+)" class="confirm-question">Remove Ana from the team\? This cannot be undone\.<\/p>/,
    )?.[1]
    expect(questionId).toBeTruthy()
    expect(html).toContain(`<div class="confirm-panel" role="group" aria-labelledby="${questionId}">`)
    expect(html.match(/type="submit"/g)).toHaveLength(1)
    expect(html).toContain(
      '<button type="submit" class="button danger" name="intent" value="end-all">Yes, sign out everywhere</button>',
    )
    expect(html).toContain('<a class="button secondary" href="">Cancel</a>')
  })

  it('takes the classes of the first button and the cancel label', async () => {
    const html = await render(
      <ConfirmButton
        pendingText="Ending…"
        confirmLabel="End it"
        question="End this session?"
        className="button"
        cancelLabel="Keep it"
      >
        End this session
      </ConfirmButton>,
    )
    expect(html).toContain('<summary class="button">End this session</summary>')
    expect(html).toContain('>Keep it</a>')
    // Without a name the button sends no intent of its own.
    expect(html).toContain('<button type="submit" class="button danger">End it</button>')
  })

  it('gives each disclosure its own question id', async () => {
    const html = await render(
      <>
        <ConfirmButton pendingText="…" confirmLabel="A" question="First?">
          one
        </ConfirmButton>
        <ConfirmButton pendingText="…" confirmLabel="B" question="Second?">
          two
        </ConfirmButton>
      </>,
    )
    const ids = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1])
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(2)
  })
})
