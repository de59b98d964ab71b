import { describe, expect, it } from 'vitest'
import { addCard, createSubject } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './learn._index'

type Dashboard = Awaited<ReturnType<typeof route.loader>>
const open = (cookie: string) => settle(() => route.loader(args(request('/learn', { cookie }))))
const post = (cookie: string, form: Record<string, string>) =>
  settle(() => route.action(args(request('/learn', { cookie, form }))))

async function learnerWithSuggestion() {
  const subject = await createSubject({ topics: 1 })
  const topic = subject.topics[0]!
  const user = await createUser()
  await addCard(user.id, topic.taskIds[0]!, topic.id, new Date(Date.now() - 86_400_000))
  const cookie = await cookieFor(user.id)
  const page = await open(cookie)
  const [suggestion] = (page.body as Dashboard).suggestions
  return { user, cookie, suggestion: suggestion! }
}

describe('Suggested for you on /learn', () => {
  it('lists a suggestion made on demand, and Accept leads to its target', async () => {
    const { user, cookie, suggestion } = await learnerWithSuggestion()
    expect(suggestion).toMatchObject({ type: 'review_now', href: '/reviews' })
    expect((await open(cookie)).body).toMatchObject({ suggestions: [{ id: suggestion.id }] })
    const res = await post(cookie, { intent: 'accept-suggestion', suggestionId: suggestion.id })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/reviews')
    expect((await prisma.aISuggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).wasAccepted).toBe(true)
    expect(await prisma.aISuggestion.count({ where: { userId: user.id } })).toBe(1)
  })

  it('Dismiss records the answer and comes back with a toast', async () => {
    const { cookie, suggestion } = await learnerWithSuggestion()
    const res = await post(cookie, { intent: 'dismiss-suggestion', suggestionId: suggestion.id })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/learn')
    expect(res.headers.get('set-cookie')).toContain('toast')
    expect((await prisma.aISuggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).wasAccepted).toBe(false)
  })

  it('refuses a bad intent with 400 and another learner’s suggestion with 404, writing nothing', async () => {
    const { suggestion } = await learnerWithSuggestion()
    const other = await cookieFor((await createUser()).id)
    const before = await databaseSnapshot()
    expect((await post(other, { intent: 'delete-everything', suggestionId: suggestion.id })).status).toBe(400)
    expect((await post(other, { intent: 'accept-suggestion', suggestionId: suggestion.id })).status).toBe(404)
    expect(await databaseSnapshot()).toEqual(before)
  })
})
