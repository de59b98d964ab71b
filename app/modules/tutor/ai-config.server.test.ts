import { describe, expect, it } from 'vitest'
import { saveSetting } from '~/modules/system/settings.server'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { DEFAULT_AI_MODEL_CONFIG, DEFAULT_VOICE_CONFIG, READ_ANSWERS_ALOUD, RETRIEVAL_ONLY_MODEL } from './ai-config'
import {
  inheritAiConfig,
  resolveAiModelConfig,
  resolveReadAnswersAloud,
  resolveTutoringModel,
  resolveVoiceConfig,
  saveModelConfig,
  saveVoiceConfig,
  tutorVoiceSettings,
} from './ai-config.server'

const models = (name: string, temp = 0.5) => ({
  contentGenerationModel: `${name}-content`,
  narrativePlanningModel: `${name}-narrative`,
  tutoringModel: `${name}-tutor`,
  metadataModel: `${name}-meta`,
  contentGenerationTemp: temp,
  narrativePlanningTemp: temp,
  tutoringTemp: temp,
})
const voice = (ttsVoice: string) => ({
  ttsProvider: 'local' as const,
  ttsModel: null,
  ttsVoice,
  sttProvider: 'local' as const,
  sttModel: null,
  qualityTier: 'mid' as const,
})

async function learnerAndTeam() {
  const user = await createUser()
  const team = await prisma.team.create({ data: { name: 'Config team' }, select: { id: true } })
  return { userId: user.id, teamId: team.id }
}

describe('AI model and voice configuration resolve learner → team → system → default', () => {
  // One file, one database: the system rows of one test are seen by the next, so the order matters.
  it('gives the documented defaults when no scope has a row', async () => {
    const scopes = await learnerAndTeam()
    expect(await resolveAiModelConfig(scopes)).toEqual({ config: DEFAULT_AI_MODEL_CONFIG, source: 'default' })
    expect(await resolveVoiceConfig(scopes)).toEqual({ config: DEFAULT_VOICE_CONFIG, source: 'default' })
    expect(await resolveReadAnswersAloud(scopes)).toEqual({ value: false, source: 'default' })
    // nothing stored: with a chat service the tutor uses AI_CHAT_MODEL at the default temperature
    expect(await resolveTutoringModel(scopes)).toEqual({ model: 'gpt-4o-mini', temperature: 0.3 })
    expect(await tutorVoiceSettings({ id: scopes.userId, activeTeamId: scopes.teamId })).toEqual({
      voiceName: null,
      speak: true,
      listen: true,
      readAloud: false,
    })
  })

  it('takes the nearest row, and the next one out again when the nearer is removed (a missing middle too)', async () => {
    const scopes = await learnerAndTeam()
    await saveModelConfig('system', '', models('sys'))
    await saveVoiceConfig('system', '', voice('sys-voice'))
    expect((await resolveAiModelConfig(scopes)).source).toBe('system')

    await saveModelConfig('learner', scopes.userId, models('mine', 1.2))
    await saveVoiceConfig('learner', scopes.userId, voice('my-voice'))
    // No team row: the learner's applies, and without it the system's (the middle is missing).
    expect(await resolveAiModelConfig(scopes)).toEqual({
      config: models('mine', 1.2),
      source: 'learner',
    })
    expect((await resolveVoiceConfig(scopes)).config.ttsVoice).toBe('my-voice')

    await saveModelConfig('team', scopes.teamId, models('team'))
    await saveVoiceConfig('team', scopes.teamId, voice('team-voice'))
    expect((await resolveAiModelConfig(scopes)).source).toBe('learner')

    expect(await inheritAiConfig('learner', scopes.userId, 'model')).toBe(true)
    expect(await inheritAiConfig('learner', scopes.userId, 'voice')).toBe(true)
    const team = await resolveAiModelConfig(scopes)
    expect(team).toEqual({ config: models('team'), source: 'team' })
    expect(await resolveVoiceConfig(scopes)).toMatchObject({ config: { ttsVoice: 'team-voice' }, source: 'team' })

    await inheritAiConfig('team', scopes.teamId, 'model')
    await inheritAiConfig('team', scopes.teamId, 'voice')
    expect((await resolveAiModelConfig(scopes)).config.tutoringModel).toBe('sys-tutor')
    expect(await resolveVoiceConfig(scopes)).toMatchObject({ config: { ttsVoice: 'sys-voice' }, source: 'system' })
  })

  it('never lets another team’s or learner’s row apply', async () => {
    const mine = await learnerAndTeam()
    const theirs = await learnerAndTeam()
    await saveModelConfig('team', theirs.teamId, models('theirs'))
    await saveModelConfig('learner', theirs.userId, models('them'))
    expect((await resolveAiModelConfig(mine)).config.tutoringModel).toBe('sys-tutor')
  })

  it('gives the tutor the nearest stored tutoring model; a stored local:retrieval means retrieval-only', async () => {
    const scopes = await learnerAndTeam()
    expect(await resolveTutoringModel(scopes)).toEqual({ model: 'sys-tutor', temperature: 0.5 })
    await saveModelConfig('team', scopes.teamId, models('team', 0.2))
    expect(await resolveTutoringModel(scopes)).toEqual({ model: 'team-tutor', temperature: 0.2 })
    await saveModelConfig('learner', scopes.userId, { ...models('mine'), tutoringModel: RETRIEVAL_ONLY_MODEL })
    expect(await resolveTutoringModel(scopes)).toBeNull()
  })

  it('gives the tutor pages the voice and read-aloud of the nearest scope; a non-local provider turns its side off', async () => {
    const scopes = await learnerAndTeam()
    const user = { id: scopes.userId, activeTeamId: scopes.teamId }
    await saveVoiceConfig('team', scopes.teamId, { ...voice('team-voice'), sttProvider: 'openai-whisper' })
    await saveSetting(READ_ANSWERS_ALOUD, 'learner', scopes.userId, true)
    expect(await tutorVoiceSettings(user)).toEqual({
      voiceName: 'team-voice',
      speak: true,
      listen: false,
      readAloud: true,
    })
    // reading aloud needs the browser's speech: another provider is not pretended
    await saveVoiceConfig('learner', scopes.userId, { ...voice('mine'), ttsProvider: 'elevenlabs' })
    expect(await tutorVoiceSettings(user)).toMatchObject({ speak: false, readAloud: false })
  })

  it('resolves a plain setting the same way, skipping a stored value that no longer fits', async () => {
    const scopes = await learnerAndTeam()
    await saveSetting(READ_ANSWERS_ALOUD, 'system', '', true)
    expect(await resolveReadAnswersAloud(scopes)).toEqual({ value: true, source: 'system' })
    await saveSetting(READ_ANSWERS_ALOUD, 'team', scopes.teamId, false)
    expect(await resolveReadAnswersAloud(scopes)).toEqual({ value: false, source: 'team' })
    await saveSetting(READ_ANSWERS_ALOUD, 'learner', scopes.userId, 'loud')
    expect(await resolveReadAnswersAloud(scopes)).toEqual({ value: false, source: 'team' })
    await saveSetting(READ_ANSWERS_ALOUD, 'learner', scopes.userId, true)
    expect(await resolveReadAnswersAloud(scopes)).toEqual({ value: true, source: 'learner' })
    expect(await resolveReadAnswersAloud({ userId: null, teamId: null })).toEqual({ value: true, source: 'system' })
  })
})
