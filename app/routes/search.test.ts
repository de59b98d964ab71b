import { describe, expect, it } from 'vitest'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { prisma } from '~/utils/db.server'
import { args, request, settle } from '#tests/support/accounts'
import { loader as apiLoader } from './api.search'
import { loader } from './search'

const pageFor = (query: string, cookie: string) => settle(() => loader(args(request(`/search${query}`, { cookie }))))

async function teamNugget(userId: string | null, title: string) {
  const team = await prisma.team.create({ data: { name: 'Team' }, select: { id: true } })
  if (userId) await prisma.teamMember.create({ data: { teamId: team.id, userId, role: 'member' } })
  return prisma.nugget.create({
    data: {
      teamId: team.id,
      title,
      content: 'Body.',
      status: 'ready',
      metadata: { publishedAt: new Date().toISOString() },
    },
    select: { id: true },
  })
}

describe('GET /search?q=', () => {
  it('shows a friendly message, not an error page, for an empty, short or long query', async () => {
    const user = await signedIn()
    expect(await pageFor('', user.cookie)).toMatchObject({ status: 200, body: { problem: null, results: null } })
    expect(await pageFor('?q=a', user.cookie)).toMatchObject({
      status: 200,
      body: { problem: 'Type at least 2 characters to search.', results: null },
    })
    expect(await pageFor(`?q=${'x'.repeat(300)}`, user.cookie)).toMatchObject({
      status: 200,
      body: { problem: 'A search can be at most 100 characters.' },
    })
  })

  it('finds my team’s nugget and never another team’s', async () => {
    const user = await signedIn()
    const mine = await teamNugget(user.id, 'Capybara care')
    await teamNugget(null, 'Capybara secrets')
    const answer = await pageFor('?q=capybara', user.cookie)
    const body = answer.body as { results: { nuggets: { hits: Array<{ id: string }> } } }
    expect(body.results.nuggets.hits.map((h) => h.id)).toEqual([mine.id])
  })
})

describe('GET /api/search?q=', () => {
  it('answers 400 naming q or limit for bad input, and the scoped results otherwise', async () => {
    const user = await signedIn()
    const bad = await callApi(apiLoader, '/api/search?q=a', { cookie: user.cookie })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(['q'])
    const limit = await callApi(apiLoader, '/api/search?q=tapir&limit=500', { cookie: user.cookie })
    expect(Object.keys(limit.body.fieldErrors as object)).toEqual(['limit'])

    const mine = await teamNugget(user.id, 'Tapir trails')
    await teamNugget(null, 'Tapir hideout')
    const ok = await callApi(apiLoader, '/api/search?q=tapi&kind=nuggets', { cookie: user.cookie })
    expect(ok.status).toBe(200)
    const nuggets = (ok.body as { nuggets: { hits: Array<{ id: string; title: unknown }> } }).nuggets
    expect(nuggets.hits.map((h) => h.id)).toEqual([mine.id])
    expect(nuggets.hits[0]!.title).toEqual([
      { text: 'Tapir', marked: true },
      { text: ' trails', marked: false },
    ])
  })
})
