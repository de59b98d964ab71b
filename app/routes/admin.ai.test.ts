import { describe, expect, it, vi } from 'vitest'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { get, person, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { configuredEmbedder } from '~/modules/knowledge/embedder.server'
import { resolveAiModelConfig } from '~/modules/tutor/ai-config.server'
import { prisma } from '~/utils/db.server'
import { request } from '#tests/support/accounts'
import * as adminAi from './admin.ai'
import * as teamAi from './teams.$teamId.ai'
import * as voicePage from './settings.voice'

const SECRET_KEY = vi.hoisted(() => {
  const key = `sk-test-${Math.random().toString(36).slice(2)}-never-shown`
  process.env.AI_BASE_URL = 'http://127.0.0.1:9/v1'
  process.env.AI_API_KEY = key
  return key
})

type Refusal = { fieldErrors: Record<string, string[]>; intent: string }
const models = (tutoringModel: string, extra: Record<string, string> = {}) => ({
  intent: 'save-models',
  tutoringModel,
  tutoringTemp: '0.4',
  contentGenerationModel: 'gpt-4o-mini',
  contentGenerationTemp: '0.7',
  narrativePlanningModel: 'gpt-4o-mini',
  narrativePlanningTemp: '0.7',
  metadataModel: 'gpt-4o-mini',
  ...extra,
})

describe('the platform admin’s AI page', () => {
  it('is refused to a learner (403), who changes nothing', async () => {
    const learner = await person()
    expect((await get(adminAi, '/admin/ai', {}, learner.cookie)).status).toBe(403)
    expect((await post(adminAi, '/admin/ai', {}, learner.cookie, models('evil'))).status).toBe(403)
    expect(await prisma.aIModelConfig.count({ where: { scope: 'system' } })).toBe(0)
  })

  it('refuses a temperature over 2 and an empty model name, naming the fields', async () => {
    const admin = await person({ role: 'admin' })
    const sent = await post(
      adminAi,
      '/admin/ai',
      {},
      admin.cookie,
      models('gpt-4o', { tutoringTemp: '2.5', metadataModel: ' ' }),
    )
    expect(sent.status).toBe(400)
    const body = sent.body as Refusal
    expect(body.fieldErrors.tutoringTemp).toEqual(['The temperature is at most 2'])
    expect(body.fieldErrors.metadataModel?.[0]).toBe('Enter a model name')
    expect(await prisma.aIModelConfig.count({ where: { scope: 'system' } })).toBe(0)
  })

  it('shows the embedding model the embedder really uses (AI_EMBEDDING_MODEL) and offers no field for it', async () => {
    const admin = await person({ role: 'admin' })
    const { status, html } = await renderPage(
      adminAi as unknown as PageModule,
      '/admin/ai',
      request('/admin/ai', { cookie: admin.cookie }),
    )
    expect(status).toBe(200)
    expect(html).toMatch(/AI_EMBEDDING_MODEL<\/dt><dd>text-embedding-3-small — embeds every team’s documents/)
    expect(html).not.toContain('name="embeddingModel"')
    // with AI_BASE_URL set and nothing saved, the tutoring model shown is the one the tutor uses
    expect(html).toMatch(/name="tutoringModel"[^>]*value="gpt-4o-mini"|value="gpt-4o-mini"[^>]*name="tutoringModel"/)
    // a posted embedding model is no setting: the embedder keeps the environment's
    await post(adminAi, '/admin/ai', {}, admin.cookie, models('gpt-4o', { embeddingModel: 'bge-small-en-v1.5' }))
    expect(configuredEmbedder()?.model.name).toBe('openai-compatible:text-embedding-3-small')
  })

  it('saves the platform’s models with a toast and an audit entry; the resolver then gives them', async () => {
    const admin = await person({ role: 'admin' })
    const sent = await post(adminAi, '/admin/ai', {}, admin.cookie, models('gpt-4o'))
    expect(sent.status).toBe(302)
    expect(sent.headers.get('set-cookie')).toContain('toast')
    expect((await resolveAiModelConfig({})).config.tutoringModel).toBe('gpt-4o')
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'ai.config.updated', actorId: admin.id },
      select: { targetType: true, metadata: true },
    })
    expect(audit).toMatchObject({ targetType: 'AIModelConfig', metadata: { scope: 'system', tutoringModel: 'gpt-4o' } })
  })

  it('says whether the API key is set, and never shows it', async () => {
    const admin = await person({ role: 'admin' })
    const { status, html } = await renderPage(
      adminAi as unknown as PageModule,
      '/admin/ai',
      request('/admin/ai', { cookie: admin.cookie }),
    )
    expect(status).toBe(200)
    expect(html).toContain('AI_API_KEY')
    expect(html).toMatch(/AI_API_KEY<\/dt><dd>set<\/dd>/)
    expect(html).not.toContain(SECRET_KEY)
    expect(html).not.toContain(SECRET_KEY.slice(0, 12))
  })
})

describe('a team admin’s AI page', () => {
  it('lets the team override the models and go back to inheriting them', async () => {
    const { team, admin } = await teamWithEveryRole('AI team')
    const path = `/teams/${team.id}/ai`
    const saved = await post(teamAi, path, { teamId: team.id }, admin.cookie, models('team-model'))
    expect(saved.status).toBe(302)
    expect((await resolveAiModelConfig({ teamId: team.id })).source).toBe('team')
    const inherit = await post(teamAi, path, { teamId: team.id }, admin.cookie, { intent: 'inherit-models' })
    expect(inherit.status).toBe(302)
    expect((await resolveAiModelConfig({ teamId: team.id })).source).not.toBe('team')
    expect(await prisma.auditLog.count({ where: { teamId: team.id, action: { startsWith: 'ai.config.' } } })).toBe(2)
  })

  it('refuses a team admin another team’s page and changes nothing there; a member is refused too', async () => {
    const mine = await teamWithEveryRole('Mine')
    const theirs = await teamWithEveryRole('Theirs')
    const path = `/teams/${theirs.team.id}/ai`
    expect((await get(teamAi, path, { teamId: theirs.team.id }, mine.admin.cookie)).status).toBe(403)
    const sent = await post(teamAi, path, { teamId: theirs.team.id }, mine.admin.cookie, models('hijack'))
    expect(sent.status).toBe(403)
    const member = await post(
      teamAi,
      `/teams/${mine.team.id}/ai`,
      { teamId: mine.team.id },
      mine.member.cookie,
      models('x'),
    )
    expect(member.status).toBe(403)
    expect(await prisma.aIModelConfig.count({ where: { scope: 'team' } })).toBe(0)
  })
})

describe('a learner’s voice settings', () => {
  it('saves reading aloud and a voice, then inherits again when the voice is emptied', async () => {
    const learner = await person()
    const saved = await post(voicePage, '/settings/voice', {}, learner.cookie, {
      intent: 'save',
      readAnswersAloud: 'on',
      ttsVoice: 'Samantha',
    })
    expect(saved.status).toBe(302)
    const page = (await get(voicePage, '/settings/voice', {}, learner.cookie)).body as Record<string, unknown>
    expect(page).toMatchObject({ readAnswersAloud: true, ttsVoice: 'Samantha' })
    await post(voicePage, '/settings/voice', {}, learner.cookie, { intent: 'save', ttsVoice: '' })
    const after = (await get(voicePage, '/settings/voice', {}, learner.cookie)).body as Record<string, unknown>
    expect(after).toMatchObject({ readAnswersAloud: false, ttsVoice: null })
  })

  it('refuses a voice name with odd characters, naming the field', async () => {
    const learner = await person()
    const sent = await post(voicePage, '/settings/voice', {}, learner.cookie, { intent: 'save', ttsVoice: '<script>' })
    expect(sent.status).toBe(400)
    expect((sent.body as Refusal).fieldErrors.ttsVoice).toBeDefined()
  })
})
