import { describe, expect, it } from 'vitest'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { get, person } from '~/modules/teams/testing/fixtures'
import { documentWithPassages, learnerWithDocument } from '~/modules/tutor/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { request } from '#tests/support/accounts'
import * as route from './documents.$documentId'

const PATH = '/documents/:documentId'

const documentOf = (teamId: string | null, status: 'ready' | 'pending' = 'ready') =>
  documentWithPassages(teamId, { title: 'Handbook', source: 'upload:handbook.md', status }, [
    { heading: 'Adding', content: 'To add fractions, find a common denominator.' },
    { heading: 'Adding', content: 'Then add the numerators.\n\nKeep the denominator.' },
    { heading: 'Percent', content: 'Percentages are fractions of a hundred.', page: 4 },
  ])

describe('/documents/:documentId', () => {
  it('shows a team member the document by section, each passage anchored for citations', async () => {
    const { teamId, cookie } = await learnerWithDocument()
    const { documentId, chunkIds } = await documentOf(teamId)
    const { status, html } = await renderPage(
      route as unknown as PageModule,
      PATH,
      request(`/documents/${documentId}`, { cookie }),
    )
    expect(status).toBe(200)
    expect(html).toContain('<h1 id="document-title">Handbook</h1>')
    expect(html).toContain('File: handbook.md')
    expect(html).toContain('<h2 id="adding-heading">Adding</h2>')
    expect(html).toContain('<h2 id="percent-heading">Percent</h2>')
    for (const id of chunkIds) expect(html).toContain(`id="chunk-${id}"`)
    expect(html).toContain('<p>Then add the numerators.</p><p>Keep the denominator.</p>')
    expect(html).toContain('Page 4')
    expect(html.indexOf(`chunk-${chunkIds[0]}`)).toBeLessThan(html.indexOf(`chunk-${chunkIds[2]}`))
  })

  it('shows the platform library’s documents to every signed-in learner', async () => {
    const { documentId } = await documentOf(null)
    const outsider = await person()
    expect((await get(route, PATH, { documentId }, outsider.cookie)).status).toBe(200)
  })

  it('answers 404 for another team’s document, one not ready yet, an archived team’s, and an unknown id', async () => {
    const { cookie, teamId } = await learnerWithDocument()
    const other = await prisma.team.create({ data: { name: 'Elsewhere' }, select: { id: true } })
    const theirs = await documentOf(other.id)
    const pending = await documentOf(teamId, 'pending')
    for (const documentId of [theirs.documentId, pending.documentId, 'nope']) {
      const answer = await get(route, PATH, { documentId }, cookie)
      expect(answer.status, documentId).toBe(404)
      expect(JSON.stringify(answer.body)).not.toContain('Percentages')
    }
    const ours = await documentOf(teamId)
    await prisma.team.update({ where: { id: teamId }, data: { archivedAt: new Date() } })
    expect((await get(route, PATH, { documentId: ours.documentId }, cookie)).status).toBe(404)
  })

  it('sends a signed-out visitor to log in', async () => {
    const { documentId } = await documentOf(null)
    const answer = await get(route, PATH, { documentId }, undefined)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toMatch(/^\/login/)
  })
})
