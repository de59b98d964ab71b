import { describe, expect, it } from 'vitest'
import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import * as sessionRoute from './tutor.$sessionId'
import * as route from './tutor._index'

async function learnerWithDocument() {
  const user = await createUser()
  const team = await prisma.team.create({ data: { name: 'Readers' }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'member' } })
  const doc = await prisma.document.create({
    data: { teamId: team.id, title: 'Cell biology', content: '…', status: 'ready' },
    select: { id: true },
  })
  await replaceDocumentChunks(doc.id, null, [
    {
      index: 0,
      content: 'Mitochondria are the powerhouse of the cell.',
      location: { heading: 'Organelles', charStart: 0, charEnd: 44 },
      tokenCount: 7,
      embedding: null,
    },
  ])
  return { user, cookie: await cookieFor(user.id) }
}

const ask = (cookie: string, form: Record<string, string>) =>
  settle(() => route.action(args(request('/tutor', { cookie, form }))))

describe('/tutor', () => {
  it('asks without JavaScript: a plain POST, then the conversation page shows the quoted, cited answer', async () => {
    const { user, cookie } = await learnerWithDocument()
    const answer = await ask(cookie, { question: 'What are mitochondria?' })
    expect(answer.status).toBe(302)
    const location = answer.headers.get('location')!
    expect(location).toMatch(/^\/tutor\/[0-9A-Z]{26}#latest$/)
    const sessionId = location.slice('/tutor/'.length, -'#latest'.length)
    const { status, html } = await renderPage(
      sessionRoute as unknown as PageModule,
      '/tutor/:sessionId',
      request(`/tutor/${sessionId}`, { cookie }),
    )
    expect(status).toBe(200)
    expect(html).toContain('<blockquote>Mitochondria are the powerhouse of the cell. [1]</blockquote>')
    expect(html).toContain('<strong>Cell biology</strong> — Organelles')
    expect(await prisma.aIUsage.count({ where: { userId: user.id } })).toBe(1)
  })

  it('answers 400 naming the question when it is empty, and counts nothing', async () => {
    const { user, cookie } = await learnerWithDocument()
    const answer = await ask(cookie, { question: ' ' })
    expect(answer.status).toBe(400)
    expect(Object.keys((answer.body as { fieldErrors: object }).fieldErrors)).toEqual(['question'])
    expect(await prisma.aIUsageMonthly.count({ where: { userId: user.id } })).toBe(0)
  })

  it('refuses a question past the month’s allowance with 429 and the reason, writing no message', async () => {
    const { user, cookie } = await learnerWithDocument()
    const month = new Date().toISOString().slice(0, 7)
    await prisma.aIUsageMonthly.create({ data: { userId: user.id, usageMonth: month, requests: 25 } })
    const answer = await ask(cookie, { question: 'What are mitochondria?' })
    expect(answer.status).toBe(429)
    expect(JSON.stringify(answer.body)).toContain('Monthly AI limit reached')
    expect(await prisma.tutorSession.count({ where: { userId: user.id } })).toBe(0)
  })
})
