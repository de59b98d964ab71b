import { describe, expect, it } from 'vitest'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { get, post } from '~/modules/teams/testing/fixtures'
import type { VoiceSettings } from '~/modules/tutor/ai-config'
import { readsItselfAloud } from '~/modules/tutor/components/tutor-voice'
import { learnerWithDocument } from '~/modules/tutor/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { args, request, settle } from '#tests/support/accounts'
import * as voicePage from './settings.voice'
import * as sessionRoute from './tutor.$sessionId'
import * as route from './tutor._index'

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
    expect(html).toMatch(/<a href="\/documents\/[0-9A-Z]{26}#chunk-[0-9A-Z]{26}">Cell biology<\/a> — Organelles/)
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

  it('honours the learner’s “Read the tutor’s answers aloud”: the new answer reads itself, an old one waits for a click', async () => {
    const { cookie } = await learnerWithDocument()
    const location = (await ask(cookie, { question: 'What are mitochondria?' })).headers.get('location')!
    const sessionId = location.slice('/tutor/'.length, -'#latest'.length)
    const voiceOf = async () =>
      ((await get(sessionRoute, `/tutor/${sessionId}`, { sessionId }, cookie)).body as { voice: VoiceSettings }).voice
    expect((await voiceOf()).readAloud).toBe(false)

    const saved = await post(voicePage, '/settings/voice', {}, cookie, { intent: 'save', readAnswersAloud: 'on' })
    expect(saved.status).toBe(302)
    const voice = await voiceOf()
    expect(voice).toEqual({ voiceName: null, speak: true, listen: true, readAloud: true })
    expect((await get(route, '/tutor', {}, cookie)).body).toMatchObject({ voice: { readAloud: true } })
    // the page the question leads to (#latest) reads its latest answer; revisiting the conversation does not
    expect(readsItselfAloud(voice, true, '#latest')).toBe(true)
    expect(readsItselfAloud(voice, true, '')).toBe(false)
    expect(readsItselfAloud(voice, false, '#latest')).toBe(false)
    expect(readsItselfAloud({ ...voice, readAloud: false }, true, '#latest')).toBe(false)
  })
})
